declare module 'natural/lib/natural/tfidf/tfidf.js' {
  class TfIdf {
    addDocument(document: string | string[], key?: unknown): void;
    idf(term: string, force?: boolean): number;
  }
  export default TfIdf;
}

declare module 'node-summarizer/src/Summarizer.js' {
  export class Summarizer {
    constructor(text: string, sentences: number);
    listToString(sorted: Array<[number, string]>, clean: [string[], Map<string, string>]): string;
    summarizeByRank(): Promise<{ summary: string } | undefined>;
    summarizeByFrequency(): { summary: string };
  }
}
