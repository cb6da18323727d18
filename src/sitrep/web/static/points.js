// sitrep points layer: thousands of incident markers drawn on one canvas in one pass.
// Leaflet's own circle markers cost an object, a path and listeners each; at 10,000 points
// that is most of the dashboard's first paint. This layer keeps plain arrays, redraws after
// each move or zoom, and finds the point under the pointer by distance.
"use strict";

window.SitrepPoints = L.Layer.extend({
  initialize(options) {
    L.setOptions(this, options);
    this._items = [];
    this._xy = new Float32Array(0);
  },

  onAdd(map) {
    this._canvas = L.DomUtil.create("canvas", "sitrep-points leaflet-zoom-hide");
    this.getPane().appendChild(this._canvas);
    map.on("moveend zoomend resize viewreset", this._redraw, this);
    map.on("click", this._onClick, this);
    map.on("mousemove", this._onMove, this);
    this._redraw();
  },

  onRemove(map) {
    L.DomUtil.remove(this._canvas);
    map.off("moveend zoomend resize viewreset", this._redraw, this);
    map.off("click", this._onClick, this);
    map.off("mousemove", this._onMove, this);
  },

  // items: [{lat, lon, radius, colour, muted, ...}]; big and muted ones are drawn first
  setItems(items) {
    this._items = items.filter((d) => d.lat !== null && d.lon !== null)
      .sort((a, b) => (b.muted - a.muted) || (b.radius - a.radius));
    if (this._map) this._redraw();
  },

  _redraw() {
    const map = this._map;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const canvas = this._canvas;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    this._xy = new Float32Array(this._items.length * 2);
    this._items.forEach((d, i) => {
      const p = map.latLngToContainerPoint([d.lat, d.lon]);
      this._xy[2 * i] = p.x;
      this._xy[2 * i + 1] = p.y;
      if (p.x < -20 || p.y < -20 || p.x > size.x + 20 || p.y > size.y + 20) return;
      ctx.beginPath();
      ctx.arc(p.x, p.y, d.radius, 0, 2 * Math.PI);
      ctx.setLineDash(d.muted ? [2, 3] : []);
      ctx.globalAlpha = d.muted ? 0.25 : 0.55;
      ctx.fillStyle = d.muted ? "#ffffff" : d.colour;
      ctx.fill();
      ctx.globalAlpha = d.muted ? 0.6 : 0.95;
      ctx.lineWidth = d.muted ? 1 : 1.5;
      ctx.strokeStyle = d.colour;
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
  },

  // the topmost point whose circle holds the container point, or null
  itemAt(point) {
    for (let i = this._items.length - 1; i >= 0; i -= 1) {
      const dx = this._xy[2 * i] - point.x;
      const dy = this._xy[2 * i + 1] - point.y;
      const r = this._items[i].radius + 2;
      if (dx * dx + dy * dy <= r * r) return this._items[i];
    }
    return null;
  },

  _onClick(e) {
    const item = this.itemAt(e.containerPoint);
    if (item) this.fire("pointclick", { item });
  },

  _onMove(e) {
    const item = this.itemAt(e.containerPoint);
    this._map.getContainer().classList.toggle("over-point", Boolean(item));
    if (item !== this._hovered) {
      this._hovered = item;
      this.fire("pointhover", { item, latlng: item ? L.latLng(item.lat, item.lon) : null });
    }
  },
});
