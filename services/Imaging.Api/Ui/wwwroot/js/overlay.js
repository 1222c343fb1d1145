// Lesion markers on a canvas laid over a rendered frame. Coordinates are in the anterior frame's pixels (the analysis
// mirrors the posterior view into it), so on the posterior view x is mirrored back. Status is told by colour AND
// shape: new = circle (red), persistent = square (amber), resolved = dashed circle (green).

export const STATUS_COLOURS = { new: '#e03131', persistent: '#f59f00', resolved: '#2f9e44' };

/** Draws the lesions on the canvas (sized to the frame's columns × rows); returns how many were drawn. */
export function drawLesions(canvas, lesions, { columns, rows, posterior }) {
  canvas.width = columns;
  canvas.height = rows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  ctx.clearRect(0, 0, columns, rows);
  // Marker size in image pixels, readable on a 256-column whole-body frame and still small on larger ones.
  const radius = Math.max(6, Math.round(columns / 28));
  ctx.lineWidth = Math.max(2, radius / 4);
  ctx.font = `bold ${Math.max(10, radius * 1.3)}px sans-serif`;
  ctx.textBaseline = 'middle';
  let drawn = 0;
  lesions.forEach((lesion) => {
    const x0 = Number(lesion.x);
    const y = Number(lesion.y);
    if (!Number.isFinite(x0) || !Number.isFinite(y) || x0 < 0 || y < 0 || x0 >= columns || y >= rows) return;
    const x = posterior ? columns - 1 - x0 : x0;
    const colour = STATUS_COLOURS[lesion.status] || '#1c7ed6';
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.setLineDash(lesion.status === 'resolved' ? [4, 3] : []);
    ctx.beginPath();
    if (lesion.status === 'persistent') ctx.rect(x - radius, y - radius, radius * 2, radius * 2);
    else ctx.arc(x, y, radius, 0, Math.PI * 2);
    ctx.stroke();
    ctx.setLineDash([]);
    const label = String(lesion.number);
    const lx = x + radius + 2 + ctx.measureText(label).width > columns ? x - radius - 2 - ctx.measureText(label).width : x + radius + 2;
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(0,0,0,0.8)';
    ctx.strokeText(label, lx, y);
    ctx.fillText(label, lx, y);
    ctx.lineWidth = Math.max(2, radius / 4);
    drawn += 1;
  });
  return drawn;
}
