/// One option of a select, radio group or checkbox list, as templates render it.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let isSelected: Bool
}
