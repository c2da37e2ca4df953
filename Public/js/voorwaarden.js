// Conditions in the browser (progressive enhancement). The server decides what is shown and
// works without JavaScript: a follow-up question on the same page then appears after posting.
// With JavaScript, this script shows and hides follow-ups as answers change, using the same
// condition documents the server evaluates, and tells the server which questions were shown.
(function () {
  "use strict";
  var form = document.querySelector("form[data-conditions]");
  if (!form) return;
  var special = JSON.parse(form.getAttribute("data-special") || "[]");
  var earlier = JSON.parse(form.getAttribute("data-earlier") || "{}");
  var slots = Array.prototype.slice.call(form.querySelectorAll("[data-key]"));
  var shownField = form.querySelector("input[name=getoond]");

  // One answer as the server sees it: answered at all, the chosen option(s), a number.
  function answer(key) {
    var fields = form.querySelectorAll('[name="a-' + key + '"], [name="a-' + key + '[]"]');
    if (fields.length === 0) return earlier[key] || null;
    var values = [];
    fields.forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) values.push(field.value);
      } else if (field.value.trim() !== "") {
        values.push(field.value.trim());
      }
    });
    if (values.length === 0) return null;
    var chosen = values.filter(function (value) { return special.indexOf(value) === -1; });
    var number = chosen.length === 1 && /^-?\d+$/.test(chosen[0]) ? parseInt(chosen[0], 10) : null;
    return { option: chosen.length === 1 ? chosen[0] : null, options: chosen, number: number };
  }

  function holds(condition) {
    if (condition.all) return condition.all.every(holds);
    if (condition.any) return condition.any.some(holds);
    if (condition.not) return !holds(condition.not);
    var given = answer(condition.question);
    if (!given) return false;
    if ("equals" in condition) return given.option === condition.equals;
    if ("oneOf" in condition) return condition.oneOf.indexOf(given.option) !== -1;
    if ("includes" in condition) return given.options.indexOf(condition.includes) !== -1;
    if ("atLeast" in condition) return given.number !== null && given.number >= condition.atLeast;
    if ("atMost" in condition) return given.number !== null && given.number <= condition.atMost;
    if ("answered" in condition) return true;
    return false;
  }

  function update() {
    var shown = [];
    slots.forEach(function (slot) {
      var condition = slot.getAttribute("data-condition");
      var visible = !condition || holds(JSON.parse(condition));
      slot.hidden = !visible;
      if (visible) shown.push(slot.getAttribute("data-key"));
    });
    shownField.value = shown.join(",");
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
