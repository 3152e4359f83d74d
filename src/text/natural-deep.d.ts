declare module 'natural/lib/natural/stemmers/indonesian/stemmer_id.js' {
  const stemmer: { stem(token: string): string; readonly dictionary: readonly string[] };
  export default stemmer;
}

declare module 'natural/lib/natural/util/stopwords_id.js' {
  const stopwords: { words: string[] };
  export default stopwords;
}
