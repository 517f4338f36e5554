// On narrow screens the main menu's sections fold behind a button, so the page starts near the
// top; without JavaScript (or on wide screens) they are always shown.
(() => {
  const nav = document.querySelector("[data-menu]");
  const button = nav && nav.querySelector("[data-menu-toggle]");
  const panel = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!panel) return;
  const narrow = window.matchMedia("(max-width: 47.99rem)");
  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
  };
  const fit = () => {
    button.hidden = !narrow.matches;
    show(!narrow.matches);
  };
  button.addEventListener("click", () => show(panel.hidden));
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && narrow.matches && !panel.hidden) {
      show(false);
      button.focus();
    }
  });
  narrow.addEventListener("change", fit);
  fit();
})();
