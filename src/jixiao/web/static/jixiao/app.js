// jixiao: page behaviour without inline scripts (the content security policy forbids them).
"use strict";

// Charts: each <div data-chart="id"> takes its ECharts option from <script id="id" type="application/json">.
function drawCharts(root) {
  if (typeof echarts === "undefined") return;
  root.querySelectorAll("[data-chart]").forEach(function (element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source) return;
    var chart = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: "svg" });
    chart.setOption(JSON.parse(source.textContent));
  });
}

// Confirmation for buttons that change state: <button data-confirm="…">.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});

// The print view's button: <button data-print>.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});

// A file picker shows the chosen file's name beside it: <span data-file-name> after its <label>.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (input.type !== "file" || !input.closest(".file-pick")) return;
  var shown = input.closest(".file-pick").parentElement.querySelector("[data-file-name]");
  if (shown) shown.textContent = input.files.length ? input.files[0].name : "未选择文件";
});

document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
document.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
window.addEventListener("resize", function () {
  if (typeof echarts === "undefined") return;
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var chart = echarts.getInstanceByDom(element);
    if (chart) chart.resize();
  });
});

// A suggested indicator fills the new-indicator form: <button data-goal-fill data-name="…">.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-goal-fill]");
  if (!button) return;
  var form = button.closest("form");
  ["level1", "level2", "name", "kind", "operator", "target", "target_text", "unit"].forEach(function (field) {
    var input = form.elements.namedItem(field);
    if (input) input.value = button.dataset[field] || "";
  });
  var weight = form.elements.namedItem("weight");
  if (weight) weight.focus();
});

// The top bar's menus (<details class="menu">): one open at a time; Escape or a click
// elsewhere closes it, Escape returning the focus to its name.
document.addEventListener("toggle", function (event) {
  var menu = event.target;
  if (!menu.matches || !menu.matches("details.menu") || !menu.open) return;
  document.querySelectorAll("details.menu[open]").forEach(function (other) {
    if (other !== menu) other.open = false;
  });
}, true);
document.addEventListener("click", function (event) {
  document.querySelectorAll("details.menu[open]").forEach(function (menu) {
    if (!menu.contains(event.target)) menu.open = false;
  });
});
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var menu = document.activeElement && document.activeElement.closest("details.menu[open]");
  if (!menu) return;
  menu.open = false;
  menu.querySelector("summary").focus();
});
