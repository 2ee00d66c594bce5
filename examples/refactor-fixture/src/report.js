// Report titles: formats the report date by hand (duplicated in invoice.js).
export function reportTitle(report) {
  const d = report.createdAt;
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${report.name} (${date})`;
}
