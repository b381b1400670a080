/** One record of a file: its line (header = 1; XLSX: the sheet row) and its cells as text. */
export interface SourceRecord {
  line: number;
  cells: string[];
  /** XLSX: indexes of cells that were Excel dates (text `YYYY-MM-DD HH:MM:SS`, wall clock). */
  dateCells?: number[];
}
