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
