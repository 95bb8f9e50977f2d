/* storyline: draw the charts of a page with the vendored vega-embed (offline), and the small
   conveniences of the pages. Chart specs come from each chart's data-spec attribute: page data
   is never evaluated as code, and Vega expressions run in its interpreter (no eval), so the
   pages keep a strict Content-Security-Policy. */
(function () {
  "use strict";

  function withWorld(spec) {
    // The map's outline is a named data source filled here from world-110m.js.
    (spec.layer || []).forEach(function (layer) {
      if (layer.data && layer.data.name === "world") {
        layer.data = window.STORYLINE_WORLD
          ? {values: window.STORYLINE_WORLD, format: {type: "topojson", feature: "countries"}}
          : {values: []};
      }
    });
    return spec;
  }

  function fail(el, error) {
    el.setAttribute("data-rendered", "error");
    el.textContent = "The chart could not be drawn (" + error + "); the same data is listed below.";
  }

  function draw(el) {
    var spec;
    try {
      spec = withWorld(JSON.parse(el.getAttribute("data-spec")));
    } catch (error) {
      fail(el, error);
      return;
    }
    if (!window.vegaEmbed || !window.vega) {
      fail(el, "chart library not loaded");
      return;
    }
    var options = {actions: false, renderer: "svg", ast: true, expr: window.vega.expressionInterpreter,
                   defaultStyle: false};
    window.vegaEmbed(el, spec, options).then(function (result) {
      el.setAttribute("data-rendered", "true");
      if (el.getAttribute("data-chart") === "relations") {
        result.view.addEventListener("click", function (event, item) {
          if (item && item.datum && item.datum.label) {
            location.hash = "m-" + item.datum.label;
          }
        });
      }
    }).catch(function (error) { fail(el, error); });
  }

  function filterRows() {
    var box = document.getElementById("filter");
    if (!box) { return; }
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().trim();
      document.querySelectorAll(".filterable tbody tr").forEach(function (row) {
        row.hidden = words !== "" && row.textContent.toLowerCase().indexOf(words) < 0;
      });
    });
  }

  function markCitedText() {
    // A citation links to #at-OFFSET; mark the segment of the article text holding that offset.
    var match = /^#at-(\d+)$/.exec(location.hash);
    if (!match) { return; }
    var offset = Number(match[1]), best = null;
    document.querySelectorAll(".article-text [data-start]").forEach(function (span) {
      if (Number(span.getAttribute("data-start")) <= offset) { best = span; }
    });
    if (best) {
      best.classList.add("cited");
      best.scrollIntoView({block: "center"});
    }
  }

  document.querySelectorAll(".chart[data-spec]").forEach(draw);
  filterRows();
  markCitedText();
  window.addEventListener("hashchange", markCitedText);
}());
