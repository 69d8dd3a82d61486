// Drag and drop onto the upload form. Without this script the file picker works the same.
(function () {
  var form = document.querySelector("form.upload");
  var input = document.getElementById("files");
  if (!form || !input || !window.DataTransfer) return;
  var zone = form.querySelector(".drop");
  zone.classList.add("ready");
  var note = document.createElement("p");
  note.className = "hint";
  note.setAttribute("aria-live", "polite");
  zone.appendChild(note);
  function show() {
    var n = input.files.length;
    note.textContent = n ? "Đã chọn " + n + " tệp." : "Kéo thả tệp vào đây, hoặc bấm để chọn.";
  }
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    var all = new DataTransfer();
    Array.prototype.forEach.call(input.files, function (f) { all.items.add(f); });
    Array.prototype.forEach.call(e.dataTransfer.files, function (f) { all.items.add(f); });
    input.files = all.files;
    show();
  });
  input.addEventListener("change", show);
  show();
})();
