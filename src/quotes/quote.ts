/** One direct quote found in an article, with who said it. */
export interface Quote {
  articleId: string;
  /** The quoted words, without the quote marks. */
  text: string;
  /** Canonical name of the speaker within the article (a person or a group), or null when unknown. */
  speaker: string | null;
  /** Title or position given with the name, e.g. `Presiden Rusia`. */
  role: string | null;
  /** Other names the article gives the speaker (`Jokowi` for Joko Widodo), besides the words of `speaker`. */
  aliases: string[];
  /** The speaker as the attribution writes them, when it names or describes them (`Putin`, `pria Portugis tersebut`); null for `katanya`, `ia`. */
  mention: string | null;
  /** The speech verb that attributes it (`kata`, `tambahnya`, `mengatakan`), or null. */
  cue: string | null;
  /** A few words quoted inside the writer's own sentence. */
  partial: boolean;
  /** Index into `article.paragraphs` where the quote starts. */
  paragraph: number;
  /**
   * Offsets of `text` in `article.paragraphs[paragraph]`. A quote that runs on into later paragraphs
   * (rare) is measured in `paragraphs.slice(paragraph).join('\n')`, so `end` may pass the paragraph's length.
   */
  start: number;
  end: number;
}
