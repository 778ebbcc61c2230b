// What pages ask for with data- attributes, so that no page needs inline script: the
// Content-Security-Policy runs scripts from Balai's own files only.
"use strict";

// <form data-confirm="Question?">: ask before submitting; "Cancel" keeps the page as it is.
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// <button data-print>: print the page.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});

// [data-without-js]: what only a browser without scripts needs (a "Show places" button that
// sends the form to be drawn again); with scripts htmx does that job, so it goes (removed,
// not hidden: a button's own display style would outrank the hidden attribute).
Array.prototype.forEach.call(document.querySelectorAll("[data-without-js]"), function (element) {
  element.remove();
});

// [data-focus-on-load]: the error summary, so that a screen reader reads it and the keyboard
// starts from it (autofocus does the same where the browser honours it on any element).
(function () {
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }
})();

// <button data-pick-programme="code">: one tap puts a suggested programme in the first
// choice that has none, and its change event lets htmx fetch the places. Without scripts
// the button sends the form, which the server draws again with the programme in place.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-pick-programme]");
  if (!button) {
    return;
  }
  var code = button.getAttribute("data-pick-programme");
  var selects = document.querySelectorAll("select[data-programme-select]");
  var target = null;
  for (var index = 0; index < selects.length && target === null; index++) {
    if (selects[index].value === code) {
      target = selects[index];
    }
  }
  for (index = 0; index < selects.length && target === null; index++) {
    if (!selects[index].value) {
      target = selects[index];
      target.value = code;
      target.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  if (target !== null) {
    event.preventDefault();
    target.focus();
  }
});
