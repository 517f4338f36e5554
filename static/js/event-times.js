// Online events: beside the time in Latvia, the same time in the reader's own time zone.
// The server's text (Latvian time, named) is complete without this script; it only adds a line,
// and only where the reader's zone is not Riga's. First-party, no library: Intl does the work.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "lv";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || zone === "Europe/Riga") return;
  var label = lang === "lv" ? "Jūsu laika joslā" : "In your time zone";

  function offset(date) {
    // "UTC+1", "UTC−5": the reader's offset at that moment (summer time included).
    var minutes = -date.getTimezoneOffset();
    if (minutes === 0) return "UTC";
    var sign = minutes > 0 ? "+" : "\u2212";
    var abs = Math.abs(minutes);
    var text = "UTC" + sign + Math.floor(abs / 60);
    return abs % 60 ? text + ":" + String(abs % 60).padStart(2, "0") : text;
  }

  var dateFormat = new Intl.DateTimeFormat(lang === "lv" ? "lv-LV" : "en-GB", {
    day: "numeric", month: "long", year: "numeric", timeZone: zone
  });
  var timeFormat = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone
  });
  function dayKey(date) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(date);
  }

  document.querySelectorAll("[data-event-time]").forEach(function (element) {
    var start = new Date(element.getAttribute("data-start"));
    var end = new Date(element.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) return;
    var text = dateFormat.format(start) + ", " + timeFormat.format(start) + "\u2013";
    if (dayKey(start) !== dayKey(end)) text += dateFormat.format(end) + ", ";
    text += timeFormat.format(end) + " (" + zone + ", " + offset(start) + ")";
    var line = document.createElement("span");
    line.className = "event-time__local";
    line.setAttribute("data-local-time", "");
    line.appendChild(document.createTextNode(label + ": "));
    var time = document.createElement("time");
    time.setAttribute("datetime", start.toISOString());
    time.textContent = text;
    line.appendChild(time);
    element.appendChild(line);
  });
})();
