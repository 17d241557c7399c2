// Interactive Plotly figures in the classic Notebook (`npm run lab`).
//
// The toolkit's figure() displays one output holding Plotly's JSON, a PNG and
// a title (src/notebook/figure.ts). GitHub shows the PNG; here the JSON wins:
// its MIME type goes first in the display order, and it is drawn by the
// project's own plotly.js (node_modules/plotly.js-dist, which scripts/setup.sh
// links beside this file as plotly.js: nothing of Plotly is in the repository).
define(["base/js/namespace", "notebook/js/outputarea", "require"], function (Jupyter, outputarea, require) {
  "use strict";

  var MIME = "application/vnd.plotly.v1+json";
  var OutputArea = outputarea.OutputArea;

  function appendPlotly(figure, metadata, element) {
    var area = this.create_output_subarea(metadata, "output_plotly", MIME);
    var plot = document.createElement("div");
    area.append(plot);
    element.append(area);
    // Loaded on the first figure: plotly.js is 10 MB and most cells have none.
    // The callback runs after the output is in the page, which Plotly needs to size the plot.
    require(["./plotly"], function () {
      // plotly.js 4 is no AMD module: it defines window.Plotly.
      window.Plotly.newPlot(plot, figure.data, figure.layout || {}, Object.assign({ responsive: true }, figure.config || {}));
    }, function (error) {
      plot.textContent = "Could not load plotly.js (run `npm run setup`): " + error;
    });
    return area;
  }

  function hasPlotly(output) {
    return output.data !== undefined && output.data[MIME] !== undefined;
  }

  // Outputs drawn before this extension loaded (the notebook and the
  // extensions load concurrently) showed their PNG: draw them again.
  function redraw(cell) {
    var area = cell.output_area;
    if (area === undefined || !area.outputs.some(hasPlotly)) return;
    var outputs = area.toJSON();
    var trusted = area.trusted;
    area.clear_output(false, true);
    // clear_output trusts the emptied area; the outputs drawn again keep the trust they had.
    area.trusted = trusted;
    area.fromJSON(outputs, cell.metadata);
  }

  function load_ipython_extension() {
    // Safe even in an untrusted notebook (every committed one, until run here):
    // the JSON is data that plotly.js draws, never script that runs.
    OutputArea.prototype.register_mime_type(MIME, appendPlotly, { safe: true, index: 0 });
    var notebook = Jupyter.notebook;
    if (notebook !== undefined && notebook._fully_loaded) notebook.get_cells().forEach(redraw);
  }

  return { load_ipython_extension: load_ipython_extension };
});
