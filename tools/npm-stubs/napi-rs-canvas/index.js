// pdfjs-dist only asks for @napi-rs/canvas when it runs inside Node. This project draws PDFs in the
// renderer (browser canvas), so reaching this module is a bug: say so plainly.
function unavailable() {
  throw new Error('@napi-rs/canvas is stubbed out in Rectify Workbook: PDFs are rendered in the renderer, not in Node.');
}
module.exports = { createCanvas: unavailable };
