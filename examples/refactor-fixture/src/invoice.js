// Invoice lines: formats the issue date by hand (duplicated in report.js).
export function invoiceHeader(invoice) {
  const d = invoice.issuedAt;
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `Invoice ${invoice.number} issued ${date}`;
}
