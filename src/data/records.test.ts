import { describe, expect, it } from "vitest";
import { findMalformed, firstMiscounted, lineOfRow, recordShape, walkRecords, type CsvRecord } from "./records.js";

const all = (text: string | Buffer): CsvRecord[] => {
  const out: CsvRecord[] = [];
  walkRecords(Buffer.isBuffer(text) ? text : Buffer.from(text), (index, line, start, end) => void out.push({ index, line, start, end }));
  return out;
};

describe("walkRecords", () => {
  it("gives each record the physical line it starts on, counting line breaks inside quoted fields", () => {
    const text = 'a,b\n1,"two\nlines"\n2,x\n3,"three\n\nlines"\n4,y';
    expect(all(text).map((r) => [r.index, r.line])).toEqual([
      [0, 1],
      [1, 2],
      [2, 4],
      [3, 5],
      [4, 8],
    ]);
  });

  it("treats a doubled quote inside a quoted field as text, not as its end", () => {
    const text = 'a,b\n1,"say ""hi""\nthere"\n2,x\n';
    const records = all(text);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1] && text.slice(records[1].start, records[1].end)).toBe('1,"say ""hi""\nthere"');
  });

  it("leaves the carriage return of CRLF line ends out of the record", () => {
    const text = "a,b\r\n1,2\r\n";
    expect(all(text).map((r) => text.slice(r.start, r.end))).toEqual(["a,b", "1,2"]);
  });

  it("skips a UTF-8 byte-order mark before the header", () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"a",b\n1,2\n')]);
    const records = all(buf);
    expect(records.map((r) => [r.start, r.line])).toEqual([
      [3, 1],
      [9, 2],
    ]);
  });

  it("takes a quote inside an unquoted field literally", () => {
    expect(all('a,b\n1,x"y\n2,z\n').map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it("reports the record whose quoted field never closes", () => {
    const seen: number[] = [];
    const open = walkRecords(Buffer.from('a,b\n1,x\n2,"oops\n3,y\n'), (_i, line) => void seen.push(line));
    expect(seen).toEqual([1, 2]);
    expect(open).toEqual({ index: 2, line: 3 });
  });

  it("stops when the visitor returns false", () => {
    const seen: number[] = [];
    walkRecords(Buffer.from("a\n1\n2\n3\n"), (index) => {
      seen.push(index);
      return index < 1;
    });
    expect(seen).toEqual([0, 1]);
  });
});

describe("lineOfRow", () => {
  it("maps a 0-based data row to the line of its record, after multi-line records", () => {
    const buf = Buffer.from('a,b\n1,"x\ny"\n2,z\n3,w\n');
    expect(lineOfRow(buf, 0)).toBe(2);
    expect(lineOfRow(buf, 1)).toBe(4);
    expect(lineOfRow(buf, 2)).toBe(5);
    expect(lineOfRow(buf, 3)).toBeUndefined();
  });
});

describe("recordShape", () => {
  const shape = (line: string) => recordShape(Buffer.from(line), 0, line.length);
  it("counts commas outside quoted fields", () => {
    expect(shape('1,"a,b",,"c""d"')).toEqual({ fields: 4 });
    expect(shape("")).toEqual({ fields: 1 });
  });
  it("flags text after a closing quote and quotes inside unquoted fields", () => {
    expect(shape('1,"a"b,2').problem).toBe("text follows the closing quote of a quoted field");
    expect(shape('1,a"b,2').problem).toMatch(/^a quote inside an unquoted field/);
  });
});

describe("firstMiscounted", () => {
  // rows: 0 = 1,"x\ny",3 (lines 2-3) · 1 = 4,5, · 2 = 6,7 (one field short) · 3 = 8,, · 4 = ,, · 5 = 9,"",
  const buf = Buffer.from('a,b,c\n1,"x\ny",3\n4,5,\n6,7\n8,,\n,,\n9,"",\n');
  it("names the first listed row whose record has another number of fields", () => {
    expect(firstMiscounted(buf, [1, 2, 3], [1, 1, 2], 3)).toEqual({ line: 5, problem: "the record has 2 fields, the header has 3" });
  });
  it("accepts records whose trailing empty fields match the trailing nulls, and all-empty records", () => {
    expect(firstMiscounted(buf, [1, 3, 4], [1, 2, 3], 3)).toBeUndefined();
  });
  it("counts a record ending in a quoted field in full", () => {
    expect(firstMiscounted(buf, [5], [2], 3)).toBeUndefined();
  });
  it("checks nothing for no rows", () => {
    expect(firstMiscounted(buf, [], [], 3)).toBeUndefined();
  });
});

describe("findMalformed", () => {
  const find = (text: string, expected: number) => findMalformed(Buffer.from(text), expected);
  it("finds a record with too many or too few fields by its line", () => {
    expect(find('a,b,c\n1,"x\ny",3\n1,2,3,4\n', 3)).toEqual({ line: 4, problem: "the record has 4 fields, the header has 3" });
    expect(find("a,b,c\n1,2,3\n1,2\n", 3)).toEqual({ line: 3, problem: "the record has 2 fields, the header has 3" });
  });
  it("names a blank line", () => {
    expect(find("a,b\n1,2\n\n3,4\n", 2)).toEqual({ line: 3, problem: "blank line (the header has 2 fields)" });
  });
  it("finds the record whose quoted field never closes", () => {
    expect(find('a,b\n1,2\n3,"x\n4,5\n', 2)).toEqual({ line: 3, problem: 'a quoted field is never closed (missing ")' });
  });
  it("finds invalid UTF-8", () => {
    const buf = Buffer.concat([Buffer.from("a,b\n1,2\n3,"), Buffer.from([0xff]), Buffer.from("\n")]);
    expect(findMalformed(buf, 2)).toEqual({ line: 3, problem: "the text is not valid UTF-8" });
  });
  it("reports a stray quote only when nothing worse is found", () => {
    expect(find('a,b\n1,x"y\n2,3,4\n', 2)).toEqual({ line: 3, problem: "the record has 3 fields, the header has 2" });
    expect(find('a,b\n1,x"y\n2,3\n', 2)?.line).toBe(2);
  });
  it("finds nothing in a well-formed file", () => {
    expect(find('a,b\r\n1,"x\r\ny"\r\n', 2)).toBeUndefined();
  });
});
