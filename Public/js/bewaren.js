// Save as you go (progressive enhancement). A moment after the person stops typing or choosing,
// the page's form is posted to the save address: the server keeps the page's answers in the draft
// without checking required answers and without moving on, so nothing typed is lost when the
// person leaves the page. A quiet status line (a live region) says "Saved"; focus never moves.
// Without JavaScript the buttons still save: "Next" and "Previous" both keep what was typed.
(function () {
  "use strict";
  var form = document.querySelector("form[data-save]");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var address = form.getAttribute("data-save");
  var status = form.querySelector("[data-save-status]");
  var waitMs = 1200;
  var timer = null;
  var sending = false;
  var again = false;
  var lastSent = null;

  function show(text) {
    if (status) status.textContent = text;
  }

  // The form as the buttons would post it, without a button's "richting": the server only keeps.
  function body() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled || field.type === "submit" || field.type === "button") return;
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      params.append(field.name, field.value);
    });
    return params.toString();
  }

  function save(leaving) {
    clearTimeout(timer);
    timer = null;
    var data = body();
    if (data === lastSent) return;
    if (sending && !leaving) {
      again = true;
      return;
    }
    sending = true;
    // keepalive lets the last save finish while the page is being left.
    fetch(address, {
      method: "POST",
      body: data,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      credentials: "same-origin",
      keepalive: leaving === true,
    })
      .then(function (response) {
        if (response.ok) {
          lastSent = data;
          show(form.getAttribute("data-saved-text"));
        } else {
          show(form.getAttribute("data-not-saved-text"));
        }
      })
      .catch(function () {
        show(form.getAttribute("data-not-saved-text"));
      })
      .then(function () {
        sending = false;
        if (again) {
          again = false;
          save(false);
        }
      });
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(save, waitMs);
  }

  lastSent = body();
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  // The buttons post the page themselves; a pending save would only race them.
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    timer = null;
    lastSent = body();
  });
  // Leaving (another address, closing the tab, switching apps): save what is still waiting.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && timer !== null) save(true);
  });
  window.addEventListener("pagehide", function () {
    if (timer !== null) save(true);
  });
})();
