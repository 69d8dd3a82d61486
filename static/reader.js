// vankien reader: enhancements only; every page works without this script.
// - "Sao chép trích dẫn" copies the citation shown on the page.
// - The reading position of each book is kept on this device (localStorage), and the book's
//   title page offers "Đọc tiếp từ tr. N".
(function () {
  "use strict";
  var root = document.querySelector("[data-book]");
  if (!root) return;
  var book = root.getAttribute("data-book");
  var key = "vankien:vi-tri:" + book;

  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var label = button.textContent;
    var done = function (text) {
      button.textContent = text;
      setTimeout(function () { button.textContent = label; }, 2500);
    };
    var select = function () {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      done(copied ? "Đã sao chép" : "Đã chọn, hãy nhấn Ctrl+C");
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done("Đã sao chép"); }, select);
      } else {
        select();
      }
    });
  });

  var store = null;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch (e) {
    store = null;
  }
  if (!store) return;

  var resume = document.getElementById("doc-tiep");
  if (resume) {
    var saved = null;
    try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    var link = resume.querySelector("a");
    if (saved && saved.page > 0 && link) {
      link.href = "/books/" + encodeURIComponent(book) + "/trang/" + saved.page;
      link.textContent = "Đọc tiếp từ " + saved.label;
      resume.hidden = false;
    }
    return;
  }

  var pages = Array.prototype.slice.call(document.querySelectorAll(".page[data-page]"));
  if (!pages.length) return;
  var save = function () {
    var current = pages[0];
    for (var i = 0; i < pages.length; i++) {
      if (pages[i].getBoundingClientRect().top > window.innerHeight / 3) break;
      current = pages[i];
    }
    try {
      store.setItem(key, JSON.stringify({
        page: Number(current.getAttribute("data-page")),
        label: current.getAttribute("data-label"),
        at: Date.now()
      }));
    } catch (e) { /* storage full or refused: nothing to keep */ }
  };
  // A link to a page inside a chapter (#trang-14) starts there, once the browser has scrolled.
  save();
  window.addEventListener("load", save);
  var timer = null;
  window.addEventListener("scroll", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 250);
  }, { passive: true });
  window.addEventListener("pagehide", save);
})();
