//! `unwrap`: paragraph reconstruction (GOLDEN.md rule 4 and the shape rules).
//!
//! Fixes: every printed line of a page came out as its own line, usually
//! with a blank line after it. For every line break this pass decides
//! whether it is a **wrap** inside a paragraph (the break and its blank lines
//! are removed; nothing is put between the pieces except one space between
//! two Latin letters) or a **boundary** between two units (exactly one `\n`
//! is left). The output has no blank lines and ends with exactly one `\n`.
//! Photo credits and captions that land inside a paragraph (**floats**) are
//! moved, unchanged, onto their own line right after that paragraph.
//!
//! # The model
//!
//! The layout is inferred from the text itself, per block of lines:
//!
//! - **Column width** (`layout::columns`): every line's typeset width in
//!   half-em cells ([`crate::text::typeset_width`]: Han two, ASCII one, spaces
//!   none except an em space between two Han) under two conventions, CJK
//!   punctuation as two cells (`loose`) or compressed to one (`tight`). The
//!   column around a line is the dominant width (a cluster of lines within
//!   one cell) among the ±6 lines around it, in whichever convention more
//!   lines agree. Full lines are the widest of a column: where enough lines
//!   agree on a width up to an indent wider and the dominant cluster holds a
//!   last line or a headline (a column of short paragraphs, whose first and
//!   last lines outnumber its full lines), the wider width is the column.
//!   Where a new column starts next to a line, the side the line fits in
//!   wins. No column where the lines agree on nothing, where the
//!   agreeing lines all end sentences (whole paragraphs that happen to match)
//!   or are all headlines, or where many lines are far wider.
//! - Against its column a line is **full**, **nearly** full (one character
//!   short), **indented** (about two Han short: a paragraph's first line),
//!   **short** (a last line, a headline) or **wide** (a headline across
//!   columns, a new block). Without a column, a line is compared with the
//!   usual width of running text around it (`layout::running_widths`).
//! - **Lead style** (`layout::lead_styles`): where an extractor shows the
//!   first-line indent as leading spaces (`pdftotext -layout`, OCR with
//!   layout; U+3000 and tabs arrive as that many spaces from `normalize`),
//!   the margin of the lines around a line (±20): the most common lead of
//!   the lines that go on from the line before (body lines; of all lines
//!   where none does: short paragraphs have more first lines than body
//!   lines). Against it a line is **flush**, **indented** (1–6 spaces
//!   right of it) or **far** (centred, right-aligned). The style counts
//!   only where it is consistent: at least two indented lines, two thirds
//!   of the body lines flush (where fewer than two, no more indented lines
//!   than flush ones), two
//!   thirds of them after a unit end, and two thirds of the body lines
//!   after a paragraph's short last line indented (or, where fewer than
//!   two last lines stop short, short paragraphs whose last lines come
//!   near the column's width: three indented lines or more, every one
//!   after a sentence's end, a short headline or a byline, and every
//!   start seen indented). So it is silent where
//!   every line or no line has leading spaces, and on the seeds, whose
//!   paragraphs start flush with a stray space before a dateline.
//! - **Document facts** (`layout::DocStats`): whether the extractor leaves
//!   a blank line after most lines (then a single newline is unusual), the
//!   usual blank-line count and indent in spaces, the document's own Han
//!   bigram counts, and whether the text is one unit per line already.
//!
//! Each break then gets one score (`score::score`), a sum of named signals
//! with weights as constants in `score` (set from the seeds' statistics as
//! rough log-odds); above zero is a wrap. The word lists behind them
//! (datelines, openers, verbs of saying, function words, credits, units)
//! hold the Traditional forms too (`本報訊`, `據介紹`, `與`):
//!
//! | signal | weight | why |
//! | --- | --- | --- |
//! | `end-sentence` / `end-semicolon` | −3 / −1 | the line before ends with `。！？…` (closing quotes allowed), or with a sentence and a byline / with `；`, which ends a clause far more often than a paragraph (items set as paragraphs show by the next item's indent) |
//! | `end-clause` / `end-colon` / `end-bracket` / `end-quoted-term` / `end-word` | +3 / +0.5 / +1.5 / +2 / +2 | it ends with `，、`, with `：`, with `）》` (no paragraph of the golden set or the sweeps ends so: `…生产总值（GDP）` / `2846.3亿元，…`), with a closing quote after a word on a line with clause marks (a quoted term in running text: `…专精特新“小巨人”` / `企业27家，…`; not in a text that is one unit per line already, where an OCR may have lost the mark after it), with no punctuation (`end-word` and `end-colon` are left out in a text that is one unit per line already: there a colon ends a lead-in; `end-word` is not where a line with `，` or `。` inside goes on into running text that opens no item, a paragraph cut where the page was narrow) |
//! | `end-function-word` / `end-fragment` | +2 / +1.5 | it ends with `的与和及…` (nothing ends on them), or one or two characters after its last `，、` (`…影响力、有`) |
//! | `end-open` / `start-close` | +3 / +3 | characters that never end / start a line of running text (`“（《` / `，。、）”`) |
//! | `open-bracket` | +2 | the line before, short of the column and without punctuation of running text (shaped like a headline), stops on a word inside a bracket it opened (`二、管制范围：滨江路（解放桥至人民桥` / `段）、…`); not in a text that is one unit per line already |
//! | `text-before-marker` | −6 | the next line is a byline or a marked item (`本报记者 江月 实习生 周晨`, `▶ …`) and the line before is running text or a headline (not a byline, not a dateline's line): only a byline wraps into a byline, whatever the widths say (a headline set in by its centring reads as a full first line) |
//! | `range-end` | +3 | the line before ends on a number, or on a unit of time or a date right after one (`…10月1日18时`), and the next opens with the end of a range (`至` or `到` and a digit: `至23时。`) |
//! | `date-goes-on` | +3 | the line before ends on a number and a unit of a date or time (`…2024年10月1日`), and the next opens with a number and a smaller unit (`18时至23时。`): one point in time (not a unit as large, `2024年` / `2025年`: two dates) |
//! | `bracket-closes` | +5 | the line before stops on a word inside a bracket (`（ ( 《 【`) it left open, and the next line closes that bracket before it opens or closes another, not as an item's label (`1）`, `一）`): a bracket's content is never two units |
//! | `start-fragment` | +2.5 | after a line that ends no sentence, the next opens with one CJK letter and a mark (`线，服从…`): the end of the line's last word; no paragraph, headline or item opens so (not `问：`, a speaker's label, nor `一、`) |
//! | `next-speech` | +6 | the next line opens with a verb of saying and `，` or `：` (`表示，`, `指出：`) after a line that ends no sentence: the speaker ended the line before (`…主任徐迎庆` / `表示，…`); no unit starts so |
//! | `next-quote` | −1.5 | after a sentence end, the next line opens a quotation (`“`, `「`): news sets a quotation as a paragraph of its own three times as often as it opens one inside a paragraph (87 to 28 in the golden set's and the sweeps' sources) |
//! | `next-source` | −1.5 | after a sentence that no quotation ends, the next line opens with a speaker, a verb of saying and `，` (`业内专家认为，`): reported speech opens a paragraph four times as often as it goes on in one (23 to 5 in the same sources; quoted speech, `她说：“…”`, goes on) |
//! | `next-label` | −1.5 | after a sentence end, the next line opens with a speaker's label (one to four Han and a colon: `记者：`, `刘云：`), an interview's next turn; not a verb of saying (`他说：`) nor `其中：` |
//! | `quote-speaker` | +4 | the line before ends a quotation after its sentence end (`…的桥梁。”`) and the next opens with its speaker and a verb of saying (`郑国强说。`, `林浩说，公司…`; not a source, `据馆长郑国强介绍，`): news puts the attribution in the quotation's paragraph |
//! | `open-quote` | +2 | the paragraph so far opened a `“` it has not closed (a run of three or more of one quote mark, an OCR's reading of `……` as `“““`, counts for nothing) |
//! | `prev-full` / `prev-short` / `prev-first` / `prev-first-full` | +2 / −3 / +1 / +2 | the line before reaches the column, stops short (also of the next line's column where it has none of its own: a subheading near the top of a page; not a story's dateline line that ends no sentence: `本报讯（记者 李）` goes on), or is an indented first line going on; or is a story's first line (a dateline, or the line under a byline line), set in and ending a sentence at the margin, before a full line (a news lead is seldom one line, and a new paragraph's first line would be set in too) |
//! | `prev-full-word` | +2 | the line before, ending no sentence, stops short of the column only because the next line's first word would not fit (a number or Latin word with the marks that never start a line after it: `…由肯尼亚选手` / `Peter Kiprono以…`, `…增长` / `18.3%，…`, no line breaks inside one): it is full; or a first line, where the word would not fit beside the indent (then `prev-first`) |
//! | `next-indent` / `next-full` | −2 (−1 if it ends a sentence) / +1.5 | the next line is indented (a new paragraph; left to `lead-*` where there is a lead style) or full (not where the lead style shows it indented: a first line, however wide) |
//! | `next-not-first` | +2 | after a sentence's end at the margin (or a first line's width), the next line reaches the column, in a column whose paragraphs open set in by an indent the extraction dropped (two or more lines after sentence ends as wide as a first line, at most one in five after a short line at the margin): no paragraph opens there (`…实则是民生大事。` / `与大型公园相比，…`); not a letter-spaced line, full whatever its text |
//! | `next-wide` / `next-narrow` | −2 / −2 | the next line is far wider than the column before (a new block), or short without ending a sentence (a narrower block, a headline; not a lead-in's last line, which ends on a colon before a line with punctuation of running text or an item's number: `…几项重点` / `工作：` / `1.严控…。`); a line that `numbers` joined from printed lines of the column counts by its first printed line (and by its last before a break) |
//! | `bigram` | +1.5 (+0.75 seen once) | the two Han at the break are a pair the document writes elsewhere (`…中`+`心、…`) |
//! | `alnum-wrap` | +2.5 | a number followed by digits or a unit (`约 60`+`亿元`), a Latin word followed by letters or Han |
//! | `odd-single` / `extra-blanks` | −2.5 / −0.5 | a single newline where the extractor usually leaves a blank line (headline lines, new blocks), or more blank lines than usual |
//! | `blank-separator` | −3 | a blank line where the extractor leaves them between units only: few breaks have one, and at least 3 in 4 of the lines before one end a sentence or are shaped like a headline (paragraphs set apart by blank lines, as OCR and pdfminer write them, a stray block split aside; not pdftotext's new blocks, which come mid-paragraph at every column break), and not where the breaks on both sides have blank lines too (a stretch with a blank line after every line) |
//! | `lead-indent` / `lead-flush` | −4 / +1.5 | with a lead style: the next line is indented (a paragraph starts), or at the margin after a line that reaches the column (an indented first line counts as full then, for `prev-full` too) |
//! | `lead-space` / `prev-lead-space` | −3 / −3 | the next line starts with more spaces than usual (with a lead style: far right of the margin); the line before is far right of the margin or usual lead and short of the column (centred headline, right-aligned byline) |
//! | `next-opener` | −1.5 (−5 after a head line) | the next line opens with a phrase news paragraphs open with (`据介绍，`, `据悉，`, `近年来，`, `日前，`, `下一步，`; not `同时，` or `目前，`, which go on inside paragraphs as often), or with an editor's label and a colon (`编者按：`, `记者手记：`, `相关链接：`), or with the angle figures are read from (`分领域看，`, `从主要指标看，`), after a sentence end, or (as a dateline) after an `*-article-head` line or a paragraph cut off where no clause goes on into the opener (a line ending on a Han that is no function word, or on a closing quote: OCR lost the sentence end; not a line of a dateline and little more) |
//! | `next-enumeration` | −3 | the next line opens with a section or item number (`一、`, `（二）`, `3.`, `①`) after a sentence (not `；`: a list set inline) or a colon |
//! | `next-time-label` | −3 | the next line opens with a time label (`22日：`, `24日至25日：`, `8时-12时：`) after a colon, a `；` or a `。`: a schedule's or forecast's items, one to a line |
//! | `dateline` | −5 | the next line opens with a dateline (`本报讯`, `科技日报讯（记者…）`, `本报讯6月12日`, `新华社北京11月21日电`) |
//! | `*-caption` / `*-marker` | −6 | a credit (`图片来源`, `…/摄`) on either side, a caption (`图为`, `左图`) after the break (or before it once it ended a sentence), a byline marker line (`▶`, `◎`), or a line of reporters' roles and names only (`本报记者 江月 实习生 周晨`, `本报记者孙悦`; not `记者来到该公司`) |
//! | `*-headline` / `*-phrases` | −3 / −4 | a line on either side has no punctuation of running text (the `、` of an opening `一、` is none; an OCR's readings `丶` and a `·` after a Han ending the line are) and a width unlike the column (short or wide; without a column, short against the running text; any but full where it opens with a section number (but as wide as a first line where it is set in by the indent before a line at the margin: an item's full first line), and full too before a paragraph's first line that goes on, narrower by the indent; any where it is one of a series of three or more such lines after sentence ends that open with the same two Han: `突出“快”…`, `突出“新”…`, `突出“实”…`) or is doubled (fake bold); not a lead-in's last line after the break, nor a number with a point or a percent sign alone (`70.4%`: a sentence's end whose mark an OCR lost) (a kicker over a headline, `随州高新区：`, is one); or is two phrases set apart (`精准谋划 精细指导`) and not full width |
//! | `as-follows` | −3 | the line before ends announcing a list (`具体预报如下：`, `现将有关事项通告如下：`) and the next line is its first item (a number, a time's or a speaker's label): the items are units of their own, whatever the widths say |
//! | `*-subtitle` | −6 | a line on either side opens with a dash (`——记退休教师张桂兰`, `——走访市民俗博物馆`), has no punctuation of running text and stops short of the column, even by a first line's indent only (running text that wraps before a dash goes on at the column's width) |
//! | `*-article-head` | −3 | the line is one of those between a sentence end (or the start of the page) and a line that opens a story or a paragraph (a dateline, or a phrase of `next-opener`), none of them a line ending on a colon and none after a dateline line (those are its paragraph), and at most four (five such lines, two of them with clause marks, are a paragraph whose sentence ends were lost): kicker, headline or byline lines of the next article |
//! | `*-table-row` | −6 | the line is a row of a table (fields set apart by spaces with a number on both sides of two gaps or more, no `，。、；！？`, next to another such row: a stock or league table) or a line of fields right above or below the rows (its header) |
//! | `split-bold` | −6 | the two lines together are one doubled (fake-bold) chain: halves of a headline `undouble` did not see whole |
//!
//! **Settling**: the decisions are then checked against the pass's own
//! output, the way the next run of the pipeline will see it (as is, after
//! `bylines`, `spacing` and `punct`, and where `numbers` would join a number
//! and its unit): any boundary that run would join becomes a wrap now
//! (`settled` in `--explain`), until nothing changes. The breaks of a view
//! are matched to the output's by the count of non-space characters before
//! them (the later passes change only whitespace and swap punctuation one
//! for one; a byline split off has no match). So the pass, and the pipeline,
//! are idempotent although the output has lost the layout (blank lines,
//! widths, most leading spaces) that some decisions rested on. The view must
//! be faithful: without `bylines`, `spacing` glued a trailing byline to its
//! sentence (`融资。何昶 周芳`), that line no longer ended a sentence, and
//! whole paragraphs of one width looked like a column whose lines the view
//! joined. Moved floats take part: where the output would lift a moved
//! float again and join its paragraph across it, the paragraph goes on here
//! too; where it would join the moved float to a neighbour, the float
//! stays where it was, on its own line, and settling leaves those breaks
//! alone. `undouble` runs before this pass, so settling also runs it over
//! the output: lines joined into a copy of a neighbour or a staircase
//! (`本高` / `本高`+`天近` / `天近`), or a moved float next to its copy,
//! are kept apart (pinned boundaries, the float in place). A change can cascade (each join makes the next
//! short line look like a continuation), so settling runs up to
//! [`MAX_SETTLE_ROUNDS`] rounds. Where the last round's views would still change
//! something settling cannot (a break pinned in an earlier round, a join
//! across a byline `bylines` splits off, a merge it cannot place) or the
//! rounds run out, the pass reports its output unsettled
//! ([`crate::pass::PassOutput::unsettled`]) and the pipeline runs again.
//! It does so too where the final text (after the three passes below) still
//! holds a band of columns apart by one space that `columns` would cut on
//! the next run: lines side by side can read so, which `columns` did not
//! see in its own input.
//! The last round ran `bylines`, `spacing` and `punct` over the output
//! under the pipeline's configuration: those runs go to the pipeline
//! ([`crate::pass::PassOutput::ran_ahead`]), which takes them instead of
//! running the three passes again where they follow this one.
//!
//! A headline or subheading thus gets a boundary on both sides from its own
//! shape and from its neighbours' (the body line before it ends a sentence,
//! the body line after it is indented or starts a new block), so a two-line
//! headline stays two lines. On pages whose lines are already whole
//! paragraphs there is no column: lines ending a sentence stay apart, lines
//! stopping mid-sentence (`…技术中` / `心、…`) are joined unless the next one
//! stands alone.
//!
//! **Floats**: a run of credit/caption lines between two text lines is
//! lifted when the break around it, scored as if the float were not there,
//! is a wrap: the two text lines are joined and the float goes, unchanged
//! ([`EditKind::Move`]), on its own line after the paragraph's last line.
//!
//! `--explain` notes every break: the decision, the score, the widths
//! against the column (`t` marks the tight convention), the leading spaces
//! of both lines against the margin of the lead style (`lead 0 -> 2/0`; `/-`
//! without one; left out when neither line has any) and every signal.
//!
//! # Where it fails
//!
//! - Without a lead style: a full-width line ending in `。` followed by a
//!   full-width line is joined (no indent shows a new paragraph) unless the
//!   next line opens like a paragraph (`next-opener`); a new paragraph that
//!   starts with a full line is missed (judged by meaning; the layout sweep,
//!   `scripts/layout-cases/sweep.py`, shows most of its misses here, both
//!   ways: a line one character short after a kinsoku push reads as no
//!   indent, or as one). A full line ending in `。` followed by a short last
//!   line is split (000 raw 557/559); so is one followed by a last line
//!   about two characters short, which looks like an indented first line.
//! - The lead style needs paragraph ends that stop short of a column to
//!   check itself against; a page of whole-paragraph lines with indents
//!   has none (every line indented is no style anyway). A single leading
//!   space as the indent (a tab) is believed only when it is that
//!   consistent; random leading spaces on a quarter of the lines can pass
//!   by chance in a window with few paragraph ends.
//! - A line that `numbers` joined (a number wrap) is measured by its
//!   printed lines only where they are found: cuts after a digit that leave
//!   full pieces. A wrap in an indented first line, or pieces that the
//!   width noise puts more than a cell over the column, leave it wide
//!   (`next-wide`), which may split it from the line before.
//! - Widths are noisy by about one cell (digits, Latin, punctuation that is
//!   compressed in some lines only); where the column estimate is off by two
//!   cells, a full line looks indented and the punctuation signals decide.
//! - Column changes in mid-paragraph, narrow pull-quote columns and very
//!   short pages (no column, little running text) leave only the
//!   punctuation, word and extractor signals.
//! - A paragraph cut off by the layout (its column continues elsewhere) and
//!   followed by running text is joined to it.
//! - The bigram counts are thin on short pages: a word split at a line end
//!   that the page writes nowhere else gives no evidence (no dictionary).
//!
//! Never touches: anything but whitespace, except the float moves (the same
//! text re-inserted). Spaces at the start and end of lines are left for
//! `spacing`.

mod layout;
mod lines;
mod score;

pub(crate) use layout::han_pairs;
pub(crate) use lines::{
    ends_with_role, enumeration, is_dateline, opens_with_word_end, starts_with_role,
};
pub(crate) use score::opens_paragraph;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::config::Config;
use crate::edit::{Edit, EditKind};
use crate::hash::FxHashMap;
use crate::pass::{AheadStage, Pass, PassOutput, RanAhead};
use crate::text::{is_cjk_letter, is_han, is_latin_alnum, terminated_lines};

pub use lines::is_float_line;

use layout::Column;
use layout::{DocStats, KnownBigrams, LeadStyle};
use lines::Line;
use score::{Context, Fill, Placed, Verdict};

pub struct Unwrap;

impl Pass for Unwrap {
    fn name(&self) -> &'static str {
        "unwrap"
    }

    fn description(&self) -> &'static str {
        "rejoin lines wrapped inside a paragraph, one unit per line, lift floats out of paragraphs"
    }

    fn run(&self, input: &str, config: &Config, out: &mut PassOutput) {
        let (mut page, settled) = Page::analyze(input, config);
        page.emit(input, config, out);
        out.unsettled |= !settled;
        out.ran_ahead = page.ran_ahead.take();
        // Lines this pass leaves side by side (and the later passes'
        // spacing) can read as columns apart by one space to the next run's
        // `columns`, and lines it leaves apart as columns on alternate
        // lines: then the pipeline runs again, so that the output is one
        // that run leaves alone.
        if !out.unsettled {
            let output: std::borrow::Cow<str> = match out.ran_ahead.as_ref() {
                Some(ahead) => text_after(&ahead.stages, &ahead.input).into(),
                None if out.edits.is_empty() => input.into(),
                None => crate::edit::apply(input, &out.edits)
                    .unwrap_or_default()
                    .into(),
            };
            out.unsettled = crate::passes::columns::has_merged_columns(&output);
        }
    }
}

/// Fewest lines as wide as a paragraph's first line after a sentence's end
/// for [`columns_opening_set_in`] (a short article shows two or three).
const MIN_SET_IN_OPENINGS: usize = 2;

/// The columns whose paragraphs open set in by the indent that the
/// extraction dropped: at least [`MIN_SET_IN_OPENINGS`] lines after a
/// sentence's end measure a first line's width, and at most one in five
/// lines after a short line that ends a sentence reach the column (a
/// paragraph opening at the margin). Lines whose leading spaces show first
/// lines are left to those (`lead-*`).
fn columns_opening_set_in<'l, 'a: 'l>(
    lines: &[Line],
    columns: &[Option<Column>],
    placed: impl Fn(usize) -> Placed<'l, 'a>,
) -> Vec<Column> {
    // Per column: openings set in, openings at the margin.
    let mut openings: Vec<(Column, usize, usize)> = Vec::new();
    for k in 1..lines.len() {
        // (Most lines end no sentence: told before placing any.)
        let (true, Some(column)) = (lines[k - 1].ends_sentence, columns[k - 1]) else {
            continue;
        };
        if columns[k] != Some(column) {
            continue;
        }
        let (prev, next) = (placed(k - 1), placed(k));
        if prev.lead_style.is_some() {
            continue;
        }
        let at = match openings.iter().position(|o| o.0 == column) {
            Some(at) => at,
            None => {
                openings.push((column, 0, 0));
                openings.len() - 1
            }
        };
        match next.fill() {
            Fill::Indented => openings[at].1 += 1,
            Fill::Full if prev.fill() == Fill::Short => openings[at].2 += 1,
            _ => {}
        }
    }
    openings
        .into_iter()
        .filter(|&(_, set_in, flush)| set_in >= MIN_SET_IN_OPENINGS && flush * 5 <= set_in)
        .map(|(column, ..)| column)
        .collect()
}

/// What happens at one break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Wrap,
    Boundary,
    /// Joined around a float that is moved away.
    WrapAroundFloat,
}

/// A page's lines, their layout, and the decision at every break.
struct Page<'a> {
    lines: Vec<Line<'a>>,
    /// The layout and the verdicts are kept for `--explain` only (empty
    /// otherwise: on a page of many short lines they would be most of the
    /// pass's memory, and only the notes read them).
    columns: Vec<Option<Column>>,
    lead_styles: Vec<Option<LeadStyle>>,
    /// Break `k` is between line `k` and line `k + 1`.
    verdicts: Vec<Verdict>,
    decisions: Vec<Decision>,
    /// Runs of float lines lifted out of their paragraph.
    float_runs: Vec<Range<usize>>,
    /// Float lines moved, each with the line after which they go, in the
    /// order of that line (then of the float).
    moves: Vec<(usize, usize)>,
    /// Whether each line is a float that is moved.
    moved: Vec<bool>,
    /// Breaks that settling keeps as they are (around a float kept in place).
    pinned: Vec<bool>,
    /// How often the page writes the Han pairs its breaks ask about, inside
    /// a line: settling's views of the output start from these.
    bigrams: FxHashMap<u64, u32>,
    /// The later passes as settling ran them over the output, for the
    /// pipeline to take (set once settling is done).
    ran_ahead: Option<Box<RanAhead>>,
}

/// A line of the pass's output: the unit that ends with line `k` of the
/// input, or float line `f` moved after its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Ends(usize),
    Float(usize),
}

/// The pass's output as text, and what each of its lines is.
struct Rendered {
    text: String,
    units: Vec<Unit>,
}

/// What settling did about what the next run's `undouble` would merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merges {
    /// It would merge nothing.
    Nothing,
    /// Some of it is kept apart now (another round follows).
    Undone,
    /// It would merge something settling cannot keep apart.
    Left,
}

/// Most rounds of settling. Each round is linear and only turns boundaries
/// into wraps or keeps floats in place, so it ends; on the golden-derived
/// inputs one in fifteen documents needs a second round, and generated
/// narrow columns of one-character lines up to ten (a cascade).
const MAX_SETTLE_ROUNDS: usize = 64;

impl<'a> Page<'a> {
    /// Decides every break, then settles the decisions so that the pass run
    /// again on its own (trimmed) output finds nothing more to join. The
    /// verdicts keep their signals only for `explain`. Whether it settled.
    fn analyze(input: &'a str, config: &Config) -> (Self, bool) {
        let mut page = Self::decide(input, config.explain, std::iter::empty(), None);
        let settled = page.settle(config);
        (page, settled)
    }

    /// Turns into wraps the boundaries that a second run over the output
    /// would join: the output's lines lack the layout that kept them apart
    /// (widths, blank lines, leading spaces), and the pass must be idempotent.
    /// Whether it settled: the last round's views of the output keep every
    /// break, and `numbers` and `undouble` would change nothing there. Where
    /// a view's change cannot be made here (a join across a byline that
    /// `bylines` splits off, a break pinned in an earlier round) or the
    /// rounds run out, the pass reports its output unsettled and the
    /// pipeline runs again over it.
    fn settle(&mut self, config: &Config) -> bool {
        for _ in 0..MAX_SETTLE_ROUNDS {
            let rendered = self.render();
            // A moved float that would meet its copy goes back first: what
            // the views would join around it is judged without it moved.
            if !self.moves.is_empty() {
                let unit_ends: Vec<usize> = terminated_lines(&rendered.text)
                    .scan(0, |count, line| {
                        *count += line.chars().filter(|c| !c.is_whitespace()).count();
                        Some(*count)
                    })
                    .collect();
                if self.keep_apart_what_undouble_merges(
                    &rendered.text,
                    &rendered.units,
                    &unit_ends,
                    true,
                ) == Merges::Undone
                {
                    self.place_floats();
                    continue;
                }
            }
            // The breaks of the output by the text before them, which the
            // later passes keep (they change only whitespace, and swap ASCII
            // punctuation one for one). A unit that joins lines is measured
            // from its lines, and the view's Han pair counts are this page's
            // plus the pairs the joins put side by side.
            let (joined_lines, joins) = self.joined_unit_lines(&rendered);
            let mut joined = joined_lines.iter();
            let known = self
                .unit_sources(&rendered.units)
                .filter_map(|(at, single)| Some((at, single.or_else(|| joined.next())?)));
            let bigrams = KnownBigrams {
                counts: &self.bigrams,
                joins: &joins,
            };
            let mut direct = Page::decide(&rendered.text, false, known, Some(bigrams));
            let direct_bigrams = std::mem::take(&mut direct.bigrams);
            drop(joined_lines);
            let mut views_change = direct.changes_anything();
            let output_keys = break_keys(&direct.lines);
            // The output as this pass sees it again, directly and after the
            // passes that follow it in the pipeline.
            let mut changed =
                self.settle_view(&direct, &output_keys, &output_keys, &rendered.units);
            let later_view = as_later_passes_leave(&rendered.text, config);
            let (later, later_joins) = (later_view.text(&rendered.text), &later_view.joins);
            // Characters other than whitespace up to the end of each unit.
            let unit_ends: Vec<usize> = output_keys.iter().copied().chain([usize::MAX]).collect();
            // Where the later passes change nothing (a clean extraction),
            // their view is the direct one, settled above: the same text,
            // lines and pair counts. (Debug builds judge it all the same
            // and check that it changes nothing.)
            let later_changes = !std::ptr::eq(later, rendered.text.as_str());
            if later_changes || cfg!(debug_assertions) {
                // Most units that join lines are the same after the later
                // passes: their analysis is kept for that view.
                // (Pushed one by one: collecting would reuse, and hold, the
                // buffer of all the output's lines.)
                let mut joined_units = Vec::new();
                if direct.lines.len() == rendered.units.len() {
                    for (line, (_, single)) in direct
                        .lines
                        .into_iter()
                        .zip(self.unit_sources(&rendered.units))
                    {
                        if single.is_none() {
                            joined_units.push(line);
                        }
                    }
                }
                let mut joined = joined_units.iter();
                let known = self
                    .unit_sources(&rendered.units)
                    .filter_map(|(at, single)| Some((at, single.or_else(|| joined.next())?)));
                let bigrams = later_joins.as_ref().map(|joins| KnownBigrams {
                    counts: &direct_bigrams,
                    joins,
                });
                let again = Page::decide(later, false, known, bigrams);
                let keys = break_keys(&again.lines);
                let again_changed = self.settle_view(&again, &keys, &output_keys, &rendered.units);
                debug_assert!(
                    later_changes || (again.decisions == direct.decisions && !again_changed),
                    "the later passes' view of an output they leave alone is the direct one"
                );
                views_change |= again.changes_anything();
                changed |= again_changed;
            }
            // `numbers` runs before this pass: it may join a number and its
            // unit that the output shows on consecutive lines. Where the
            // views changed nothing, it is asked about the output as the
            // later passes leave it, which is what the next run reads (a
            // letter-spaced `公 斤` is a unit only once `spacing` closed it
            // up); else about the output as the views changed it.
            if changed {
                let now = self.render();
                // Line number of each joined newline by binary search over
                // the newline offsets (counting from the start each time
                // would be quadratic).
                let newlines: Vec<usize> =
                    memchr::memchr_iter(b'\n', now.text.as_bytes()).collect();
                for at in joined_by_numbers(&now.text) {
                    views_change = true;
                    let j = newlines.partition_point(|&p| p < at);
                    if let (Some(&Unit::Ends(b)), Some(&Unit::Ends(_))) =
                        (now.units.get(j), now.units.get(j + 1))
                    {
                        self.settle_join(b, "settled: numbers would join");
                    }
                }
            } else {
                // The later passes change only whitespace (and ASCII marks
                // one for one): a break keeps its key there. A break they
                // made (a byline set apart) has no counterpart.
                let joined = joined_by_numbers(later);
                for key in non_space_before(later, joined.into_iter()) {
                    views_change = true;
                    let Some(j) = last_break_with_key(&output_keys, key) else {
                        continue;
                    };
                    if let (Some(&Unit::Ends(b)), Some(&Unit::Ends(_))) =
                        (rendered.units.get(j), rendered.units.get(j + 1))
                    {
                        changed |= self.settle_join(b, "settled: numbers would join");
                    }
                }
            }
            // What the next run's `undouble` would merge is judged only on
            // an output the views leave as it is: a later join can undo the
            // reason to keep lines apart (a repeated line that becomes the
            // start of a longer one), and pins are for good.
            if !changed {
                match self.keep_apart_what_undouble_merges(
                    later,
                    &rendered.units,
                    &unit_ends,
                    false,
                ) {
                    Merges::Undone => changed = true,
                    Merges::Left => views_change = true,
                    Merges::Nothing => {}
                }
            }
            if !changed {
                // The output is `rendered`: the pipeline may take the later
                // passes' runs over it from here.
                let stages = later_view.stages;
                self.ran_ahead = Some(Box::new(RanAhead {
                    input: rendered.text,
                    stages,
                }));
                return !views_change;
            }
            self.place_floats();
        }
        false
    }

    /// Whether this page, decided over a view of the output, would change
    /// it: a join or a lifted float.
    fn changes_anything(&self) -> bool {
        self.decisions.iter().any(|&d| d != Decision::Boundary)
    }

    /// Turns into wraps the boundaries whose break in the output `again`
    /// (a view of the output: `keys` are its breaks' keys) joins;
    /// `output_keys` are the keys of the output's breaks (in order, never
    /// decreasing), `units` the output's lines.
    /// Where the view joins a moved float to a neighbour, the float stays
    /// where it was instead; where it lifts a moved float out of a
    /// paragraph that goes on after it, the paragraph goes on here too.
    /// Whether any changed.
    fn settle_view(
        &mut self,
        again: &Page,
        keys: &[usize],
        output_keys: &[usize],
        units: &[Unit],
    ) -> bool {
        let mut changed = false;
        for (j, &decision) in again.decisions.iter().enumerate() {
            if decision == Decision::Boundary {
                continue;
            }
            // A break the later passes made (a byline put on its own
            // line) has no counterpart here.
            let Some(out_j) = last_break_with_key(output_keys, keys[j]) else {
                continue;
            };
            changed |= match (units[out_j], units[out_j + 1], decision) {
                // The output would lift a float and join across it. A float
                // line that stays here is lifted here too (never joined as
                // text); after it, or inside the run, the break before decides.
                (Unit::Ends(k), _, Decision::WrapAroundFloat) if self.lines[k].kind.is_float() => {
                    false
                }
                (Unit::Ends(k), _, Decision::WrapAroundFloat)
                    if self.lines[k + 1].kind.is_float() && !self.moved[k + 1] =>
                {
                    self.lift_floats_after(k)
                }
                (Unit::Ends(k), Unit::Float(_), Decision::WrapAroundFloat) => {
                    self.settle_join(k, "settled: the output would join around a float")
                }
                (Unit::Ends(k), Unit::Ends(_), _) => {
                    self.settle_join(k, "settled: the output would join")
                }
                (Unit::Ends(_), Unit::Float(f), Decision::Wrap)
                | (Unit::Float(f), _, Decision::Wrap) => {
                    self.keep_float(f, "settled: moved, the float would be joined")
                }
                _ => false,
            };
        }
        changed
    }

    /// Lifts the float lines that stand on lines of their own right after
    /// line `k` (the output would lift them and join across them), unless a
    /// break around them is pinned. Whether it did.
    fn lift_floats_after(&mut self, k: usize) -> bool {
        let mut end = k + 1;
        while end < self.lines.len()
            && self.lines[end].kind.is_float()
            && self.decisions[end - 1] == Decision::Boundary
        {
            end += 1;
        }
        let run = k + 1..end;
        if run.is_empty() || end >= self.lines.len() || self.pinned[k..end].iter().any(|&p| p) {
            return false;
        }
        for b in k..end {
            self.decisions[b] = Decision::WrapAroundFloat;
            self.note_settled(b, "settled: the output would lift the float");
        }
        let at = self.float_runs.partition_point(|r| r.start < run.start);
        self.float_runs.insert(at, run);
        true
    }

    /// Turns boundary `k` into a wrap unless it is pinned. Whether it did.
    fn settle_join(&mut self, k: usize, why: &'static str) -> bool {
        if self.decisions[k] != Decision::Boundary || self.pinned[k] {
            return false;
        }
        self.decisions[k] = Decision::Wrap;
        self.note_settled(k, why);
        true
    }

    /// Leaves the float run that holds line `f` where it is, on lines of its
    /// own (boundaries on both sides, pinned: settling keeps them). Whether
    /// it was moved before.
    fn keep_float(&mut self, f: usize, why: &'static str) -> bool {
        let Some(i) = self.float_runs.iter().position(|run| run.contains(&f)) else {
            return false;
        };
        let run = self.float_runs.remove(i);
        for b in run.start - 1..run.end {
            self.decisions[b] = Decision::Boundary;
            self.pinned[b] = true;
            self.note_settled(b, why);
        }
        true
    }

    /// Records for `--explain` why settling changed break `k`.
    fn note_settled(&mut self, k: usize, why: &'static str) {
        if let Some(verdict) = self.verdicts.get_mut(k) {
            verdict.add(why, 0.0);
        }
    }

    /// Keeps apart what the next run's `undouble` would merge in `later`, the
    /// output as the later passes leave it (`units` are the output's lines,
    /// `unit_ends` the characters other than whitespace up to the end of each):
    /// lines joined here into a copy of a neighbour (`本高` / `本高`+`天近` /
    /// `天近` reads as a staircase), a doubled chain, or a moved float next
    /// to its copy (two identical credits). A moved float an edit touches
    /// stays in place; else the wraps of the last unit it touches that has
    /// any (the copy) become pinned boundaries (their lines were apart in
    /// the input, where `undouble` left them). With `floats_only`, only
    /// moved floats are kept back (the check at the start of a round).
    fn keep_apart_what_undouble_merges(
        &mut self,
        later: &str,
        units: &[Unit],
        unit_ends: &[usize],
        floats_only: bool,
    ) -> Merges {
        let out = undouble_edits(later);
        if out.edits.is_empty() {
            return Merges::Nothing;
        }
        if unit_ends.len() != units.len() {
            return Merges::Left; // not one line per unit: nothing to place edits by
        }
        // First input line of every output unit (a moved float is its own).
        let mut first_lines = Vec::with_capacity(units.len());
        let mut next_first = 0;
        for unit in units {
            match *unit {
                Unit::Ends(k) => {
                    first_lines.push(next_first);
                    next_first = k + 1;
                }
                Unit::Float(f) => first_lines.push(f),
            }
        }
        // The view's lines are not the output's (`bylines` split some), so
        // an edit is placed by the characters other than whitespace before
        // it, which the later passes keep.
        let mut spans: Vec<(usize, usize)> = out
            .edits
            .iter()
            .map(|e| (e.span.start, e.span.end))
            .collect();
        spans.sort_unstable();
        let keys = non_space_before(later, spans.iter().flat_map(|&(a, b)| [a, b]));
        // Each edit is undone by keeping apart the least that undoes it: a
        // moved float it touches stays in place (the first one: where it
        // was read first; one per round, as keeping it changes where the
        // others land), else the last unit it touches that holds joins (the
        // copy) is split. Splitting more would pin joins whose reason a
        // later round removes: `A`+`B` / `A`+`B` needs one unit split.
        let mut split: Vec<usize> = Vec::new();
        let mut changed = false;
        for pair in keys.chunks(2) {
            let (start, end) = (pair[0], pair[1]);
            let first = unit_ends.partition_point(|&k| k < start);
            // A removed line break (no character) touches the unit after it.
            let last = if end > start {
                unit_ends.partition_point(|&k| k < end)
            } else {
                unit_ends.partition_point(|&k| k <= end)
            };
            let touched = first..=last.min(units.len().saturating_sub(1));
            if touched.clone().any(|u| split.contains(&u)) {
                continue; // undone already by a split this round
            }
            for u in touched.clone() {
                if let Unit::Float(f) = units[u] {
                    if self.keep_float(f, "settled: moved, the float would meet its copy") {
                        return Merges::Undone;
                    }
                }
            }
            if floats_only {
                continue;
            }
            for u in touched.rev() {
                if let Unit::Ends(k) = units[u] {
                    if self.split_unit(first_lines[u]..k) {
                        split.push(u);
                        changed = true;
                        break;
                    }
                }
            }
        }
        if changed {
            Merges::Undone
        } else {
            Merges::Left
        }
    }

    /// Turns the wraps of `breaks` (the inside of one output unit) into
    /// pinned boundaries; a float lifted from there stays in place. Whether
    /// any changed.
    fn split_unit(&mut self, breaks: Range<usize>) -> bool {
        let why = "settled: joined, the next run would undouble it";
        let mut changed = false;
        for b in breaks {
            changed |= match self.decisions[b] {
                Decision::Boundary => false,
                Decision::WrapAroundFloat => self.keep_float(b + 1, why),
                Decision::Wrap => {
                    self.decisions[b] = Decision::Boundary;
                    self.pinned[b] = true;
                    self.note_settled(b, why);
                    true
                }
            };
        }
        changed
    }

    /// The output as the next pass sees it (a unit keeps the leading spaces
    /// of its first line, as spaces; trailing spaces aside), with what each
    /// of its lines is.
    fn render(&self) -> Rendered {
        // Each line and its newline at most, besides leading spaces and a
        // space between Latin letters (rare: growing once is fine).
        let mut text = String::with_capacity(self.lines.iter().map(|l| l.text.len() + 1).sum());
        let mut units: Vec<Unit> = Vec::new();
        let mut last: Option<usize> = None;
        for (k, line) in self.lines.iter().enumerate() {
            if self.moved[k] {
                continue;
            }
            match last {
                Some(prev) if latin_letter(self.lines[prev].last) && latin_letter(line.first) => {
                    text.push(' ')
                }
                Some(_) => {}
                None => text.extend(std::iter::repeat_n(' ', line.lead())),
            }
            text.push_str(line.text);
            last = Some(k);
            if k + 1 == self.lines.len() || self.decisions[k] == Decision::Boundary {
                text.push('\n');
                units.push(Unit::Ends(k));
                last = None;
                let first = self.moves.partition_point(|&(_, end)| end < k);
                for &(f, end) in &self.moves[first..] {
                    if end != k {
                        break;
                    }
                    text.push_str(self.lines[f].text);
                    text.push('\n');
                    units.push(Unit::Float(f));
                }
            }
        }
        Rendered { text, units }
    }

    /// The lines of `rendered` (this page's output) that join several lines
    /// of the page, in order, each measured from its parts
    /// ([`Line::joined`]), and how often the joins put each pair of Han
    /// side by side.
    fn joined_unit_lines<'r>(
        &self,
        rendered: &'r Rendered,
    ) -> (Vec<Line<'r>>, FxHashMap<u64, u32>) {
        let mut joined = Vec::new();
        let mut joins = FxHashMap::default();
        let mut next_first = 0;
        let mut parts: Vec<&Line> = Vec::new();
        for (&unit, text) in rendered.units.iter().zip(terminated_lines(&rendered.text)) {
            let Unit::Ends(k) = unit else { continue };
            let lines = std::mem::replace(&mut next_first, k + 1)..k + 1;
            parts.clear();
            parts.extend(lines.filter(|&i| !self.moved[i]).map(|i| &self.lines[i]));
            if parts.len() > 1 {
                for pair in parts.windows(2) {
                    if let Some((a, b)) = lines::han_pair(pair[0], pair[1]) {
                        *joins.entry(layout::bigram_key(a, b)).or_insert(0) += 1;
                    }
                }
                // The leading spaces `render` puts before the first line.
                joined.push(Line::joined(text.trim_start_matches(' '), &parts));
            }
        }
        (joined, joins)
    }

    /// For every line of the output (`units`), the count of non-space
    /// characters before it there, and the line of this page it is if it is
    /// one (not several joined).
    fn unit_sources<'s>(
        &'s self,
        units: &'s [Unit],
    ) -> impl Iterator<Item = (usize, Option<&'s Line<'a>>)> + 's {
        let (mut before, mut next_first) = (0, 0);
        units.iter().map(move |&unit| {
            let lines = match unit {
                Unit::Ends(k) => std::mem::replace(&mut next_first, k + 1)..k + 1,
                Unit::Float(f) => f..f + 1,
            };
            let at = before;
            // A unit's lines without the floats moved out of it.
            let mut own = lines
                .clone()
                .filter(|&i| !self.moved[i] || unit == Unit::Float(i));
            let single = own.clone().count() == 1;
            before += own
                .by_ref()
                .map(|i| self.lines[i].non_space())
                .sum::<usize>();
            (at, single.then(|| &self.lines[lines.end - 1]))
        })
    }

    /// Scores and decides every break of `input` (keeping the signals of
    /// each verdict if `explain`), taking the analysis of lines from `known`
    /// where they are the same (see [`lines::split_reusing`]).
    fn decide<'k, 'l: 'k>(
        input: &'a str,
        explain: bool,
        known: impl Iterator<Item = (usize, &'k Line<'l>)>,
        known_bigrams: Option<KnownBigrams>,
    ) -> Self {
        let lines = lines::split_reusing(input, known);
        let blanks: Vec<usize> = lines
            .windows(2)
            .map(|w| {
                let gap = &input[w[0].span_in(input).end..w[1].span_in(input).start];
                gap.bytes()
                    .filter(|&b| b == b'\n')
                    .count()
                    .saturating_sub(1)
            })
            .collect();
        let stats = DocStats::new(&lines, &blanks, known_bigrams);
        let columns = layout::columns(&lines);
        let running = layout::running_widths(&lines, &columns);
        let heads = article_heads(&lines);
        let rows = table_rows(&lines);
        let parallel = parallel_heads(&lines);
        let lead_styles = layout::lead_styles(&lines, &columns);
        let placed = |k: usize| Placed {
            line: &lines[k],
            column: columns[k],
            running: running[k],
            article_head: heads[k],
            after_byline: k > 0 && lines[k - 1].kind == lines::LineKind::Marker,
            table_row: rows.get(k).copied().unwrap_or(false),
            parallel_head: parallel.get(k).copied().unwrap_or(false),
            lead_style: lead_styles[k],
            lead_in: matches!(lines[k].last, '：' | ':')
                && lines.get(k + 1).is_some_and(|n| {
                    n.clause_punct || n.ends_sentence || enumeration(n.text).is_some()
                }),
        };
        let set_in = columns_opening_set_in(&lines, &columns, placed);
        // Breaks in order, so that each knows the paragraph before it.
        let mut verdicts = Vec::with_capacity(if explain { blanks.len() } else { 0 });
        let mut decisions = Vec::with_capacity(blanks.len());
        let mut quote_balance: isize = 0;
        let mut balance_before = Vec::with_capacity(blanks.len());
        // First line of the paragraph going on at each break (for the
        // doubled-line guard below).
        let mut paragraph_start = 0usize;
        for (k, &gap_blanks) in blanks.iter().enumerate() {
            quote_balance += quote_delta(lines[k].text);
            balance_before.push(quote_balance);
            let context = Context {
                blanks: gap_blanks,
                among_blanks: among_blanks(&blanks, k..k + 1),
                open_quotes: quote_balance.max(0) as usize,
                record: explain,
                first_lines_set_in: columns[k] == columns[k + 1]
                    && columns[k].is_some_and(|c| set_in.contains(&c)),
            };
            let mut verdict = score::score(placed(k), placed(k + 1), context, &stats);
            if verdict.is_wrap() && joins_into_doubled_line(&lines[paragraph_start..=k + 1]) {
                // `undouble` would collapse the joined line on the next
                // run: keep the lines apart, so that one run is final.
                verdict.add("guard: joined, the line would read as doubled", -100.0);
            }
            if verdict.is_wrap() {
                decisions.push(Decision::Wrap);
            } else {
                decisions.push(Decision::Boundary);
                quote_balance = 0;
                paragraph_start = k + 1;
            }
            if explain {
                verdicts.push(verdict);
            }
        }

        // Floats: a run of credit lines between two text lines whose break,
        // scored without the run, is a wrap.
        let mut float_runs = Vec::new();
        let mut k = 1;
        while k + 1 < lines.len() {
            if !lines[k].kind.is_float() || lines[k - 1].kind.is_float() {
                k += 1;
                continue;
            }
            let first = k;
            while k < lines.len() && lines[k].kind.is_float() {
                k += 1;
            }
            if k < lines.len() {
                let (before, after) = (first - 1, k);
                let context = Context {
                    blanks: blanks[before..after].iter().copied().min().unwrap_or(0),
                    among_blanks: among_blanks(&blanks, before..after),
                    open_quotes: balance_before[before].max(0) as usize,
                    record: explain,
                    first_lines_set_in: false,
                };
                let verdict = score::score(placed(before), placed(after), context, &stats);
                if verdict.is_wrap() {
                    float_runs.push((first..after, verdict));
                }
            }
        }
        for (run, verdict) in &float_runs {
            for decision in &mut decisions[run.start - 1..run.end] {
                *decision = Decision::WrapAroundFloat;
            }
            if let Some(v) = verdicts.get_mut(run.start - 1) {
                *v = verdict.clone();
            }
        }
        let bigrams = stats.into_bigrams();
        let moved = vec![false; lines.len()];
        let decisions_len = decisions.len();
        let (columns, lead_styles) = if explain {
            (columns, lead_styles)
        } else {
            (Vec::new(), Vec::new())
        };
        let mut page = Page {
            lines,
            columns,
            lead_styles,
            verdicts,
            decisions,
            float_runs: float_runs.into_iter().map(|(run, _)| run).collect(),
            moves: Vec::new(),
            moved,
            pinned: vec![false; decisions_len],
            bigrams,
            ran_ahead: None,
        };
        page.place_floats();
        page
    }

    /// Where each lifted float goes: after the last line of its paragraph.
    fn place_floats(&mut self) {
        // The line that ends the paragraph going on after each break
        // (computed once from the end: the last line when none does).
        let decisions = &self.decisions;
        let mut paragraph_end = vec![self.lines.len().saturating_sub(1); decisions.len() + 1];
        for k in (0..decisions.len()).rev() {
            paragraph_end[k] = if decisions[k] == Decision::Boundary {
                k
            } else {
                paragraph_end[k + 1]
            };
        }
        self.moves.clear();
        for run in &self.float_runs {
            self.moves
                .extend(run.clone().map(|f| (f, paragraph_end[run.end])));
        }
        self.moved.iter_mut().for_each(|m| *m = false);
        for &(f, _) in &self.moves {
            self.moved[f] = true;
        }
    }

    fn emit(&self, input: &str, config: &Config, out: &mut PassOutput) {
        let Some(first) = self.lines.first() else {
            if !input.is_empty() {
                out.push(Edit::delete(0..input.len(), EditKind::Join, "no text"));
            }
            return;
        };
        // Blank lines before the first line (its leading spaces stay).
        let first_line_start =
            memchr::memrchr(b'\n', &input.as_bytes()[..first.span_in(input).start])
                .map_or(0, |i| i + 1);
        if first_line_start > 0 {
            out.push(Edit::delete(
                0..first_line_start,
                EditKind::Break,
                "blank lines at the start",
            ));
        }
        let moved = &self.moved;
        for (k, decision) in self.decisions.iter().enumerate() {
            let (prev, next) = (&self.lines[k], &self.lines[k + 1]);
            let gap = prev.span_in(input).end..next.span_in(input).start;
            if config.explain {
                self.note(k, gap.clone(), out);
            }
            match decision {
                Decision::Boundary => {
                    let nl = newline_run(input, gap.clone());
                    self.insert_moved(k, nl.start, out);
                    if &input[nl.clone()] != "\n" {
                        out.push(Edit::new(
                            nl,
                            "\n",
                            EditKind::Break,
                            "boundary: one line per unit",
                        ));
                    }
                }
                Decision::Wrap | Decision::WrapAroundFloat => {
                    // Around a float the space between Latin letters belongs to
                    // the two text lines, not to the float.
                    let (a, b) = if moved[k + 1] {
                        (prev, self.after_float(k + 1))
                    } else if moved[k] {
                        (next, next) // second half of a float gap: nothing
                    } else {
                        (prev, next)
                    };
                    let joint = if !moved[k] && latin_letter(a.last) && latin_letter(b.first) {
                        " "
                    } else {
                        ""
                    };
                    if &input[gap.clone()] != joint {
                        let reason = if *decision == Decision::WrapAroundFloat {
                            "wrap around a float"
                        } else {
                            "wrap: paragraph continues"
                        };
                        out.push(Edit::new(gap, joint, EditKind::Join, reason));
                    }
                }
            }
            if moved[k + 1] {
                out.push(Edit::delete(
                    next.span_in(input),
                    EditKind::Move,
                    "float lifted out of a paragraph",
                ));
            }
        }
        // The end: exactly one newline.
        let last = self.lines.last().expect("non-empty");
        let last_end = last.span_in(input).end;
        let tail_start = memchr::memchr(b'\n', &input.as_bytes()[last_end..])
            .map_or(input.len(), |i| last_end + i);
        self.insert_moved(self.lines.len() - 1, tail_start, out);
        if &input[tail_start..] != "\n" {
            out.push(Edit::new(
                tail_start..input.len(),
                "\n",
                EditKind::Break,
                "end with one newline",
            ));
        }
    }

    /// The first text line after the float run that contains line `f`.
    fn after_float(&self, f: usize) -> &Line<'a> {
        let mut k = f;
        while k + 1 < self.lines.len() && self.lines[k].kind.is_float() {
            k += 1;
        }
        &self.lines[k]
    }

    /// Re-inserts, at `at`, the floats whose paragraph ends at line `k`.
    fn insert_moved(&self, k: usize, at: usize, out: &mut PassOutput) {
        let first = self.moves.partition_point(|&(_, end)| end < k);
        for &(f, end) in &self.moves[first..] {
            if end != k {
                break;
            }
            let text = self.lines[f].text;
            out.push(Edit::insert(
                at,
                "\n",
                EditKind::Break,
                "float on its own line",
            ));
            out.push(Edit::insert(
                at,
                text.to_string(),
                EditKind::Move,
                "float after its paragraph",
            ));
        }
    }

    /// The `--explain` note for break `k`, over `span` (the whitespace
    /// between its lines).
    fn note(&self, k: usize, span: Range<usize>, out: &mut PassOutput) {
        // Around a float the decision is about the text lines on either side
        // of it; the break after the float only says where the float went.
        let (prev, next, what) = match self.decisions[k] {
            Decision::Wrap => (k, k + 1, "join "),
            Decision::Boundary => (k, k + 1, "break"),
            Decision::WrapAroundFloat if self.moved[k] => {
                let text = self.lines[k].text;
                out.note(span, format!("float {text:?} moved after its paragraph"));
                return;
            }
            Decision::WrapAroundFloat => {
                let mut after = k + 1;
                while self.moved[after] && after + 1 < self.lines.len() {
                    after += 1;
                }
                (k, after, "join around a float")
            }
        };
        let verdict = &self.verdicts[k];
        let col = |c: Option<Column>| {
            c.map_or("-".to_string(), |c| {
                format!("{}{}", c.width, if c.tight { "t" } else { "" })
            })
        };
        let width = |i: usize| {
            let line = &self.lines[i];
            let w = self.columns[i].map_or(line.width().loose, |c| c.measure(line));
            format!("{w}/{}", col(self.columns[i]))
        };
        let tail: String = {
            let chars: Vec<char> = self.lines[prev].text.chars().collect();
            chars[chars.len().saturating_sub(6)..].iter().collect()
        };
        let head: String = self.lines[next].text.chars().take(6).collect();
        // Leading spaces, with the margin where the block indents by them.
        let (lead_prev, lead_next) = (self.lines[prev].lead(), self.lines[next].lead());
        let lead = match self.lead_styles[next] {
            Some(style) => format!("  lead {lead_prev} -> {lead_next}/{}", style.margin),
            None if lead_prev + lead_next > 0 => format!("  lead {lead_prev} -> {lead_next}/-"),
            None => String::new(),
        };
        out.note(
            span,
            format!(
                "{what} {:+5.1}  {tail}|{head}  width {} -> {}{lead}  {}",
                verdict.score,
                width(prev),
                width(next),
                verdict.describe()
            ),
        );
    }
}

/// What `undouble` does to `text`. (It looks at most lines, the output's
/// paragraphs, only briefly: see its `Glance`.)
fn undouble_edits(text: &str) -> PassOutput {
    let mut out = PassOutput::default();
    crate::passes::undouble::Undouble.run(text, &Config::default(), &mut out);
    out
}

/// `text` as `bylines`, `spacing` and `punct` leave it: what this pass sees
/// when the pipeline runs again on its own output. (Without `bylines`,
/// `spacing` glues a trailing byline to its sentence end, and the line no
/// longer ends a sentence.)
/// Whether joining `lines` into one unit would build a line that
/// `undouble` takes for a fake-bold chain (spaces aside, ASCII and full-width
/// marks alike). Only short units can be doubled headlines, so long
/// paragraphs are not examined (and the check stays linear).
fn joins_into_doubled_line(lines: &[Line]) -> bool {
    const MAX_BYTES: usize = 600;
    // Every Han and ASCII letter or digit of a doubled chain occurs an even
    // number of times (`undouble` compares graphemes, and reads ASCII marks
    // as their wide forms, which no letter or digit is): most joins fail
    // that cheap test before any text is built.
    let (mut bytes, mut parity) = (0, 0);
    for line in lines {
        bytes += line.text.len();
        if bytes > MAX_BYTES {
            return false;
        }
        parity ^= line.alnum_parity;
    }
    if parity != 0 {
        return false;
    }
    let joined: String = lines.iter().map(|line| line.text).collect();
    crate::passes::undouble::would_undouble(&joined)
}

/// `text` (the pass's output) as `bylines`, `spacing` and `punct` leave it,
/// and the pairs of Han their edits put side by side inside a line (`None`
/// where an edit may have parted a pair or changed a Han character).
fn as_later_passes_leave(output: &str, config: &Config) -> LaterView {
    use crate::passes::{bylines::Bylines, punct::Punct, spacing::Spacing};
    use crate::text::is_han;
    let mut stages: Vec<AheadStage> = Vec::with_capacity(3);
    let mut joins = Some(FxHashMap::default());
    for pass in [&Bylines as &dyn Pass, &Spacing, &Punct] {
        let text = text_after(&stages, output);
        let mut out = PassOutput::default();
        pass.run(text, config, &mut out);
        crate::edit::sort(&mut out.edits);
        // Edits that touch each other: the characters around one may be
        // another's, so what ends up side by side is not read off here.
        if out
            .edits
            .windows(2)
            .any(|w| w[0].span.end >= w[1].span.start)
        {
            joins = None;
        }
        for edit in &out.edits {
            let Some(counts) = joins.as_mut() else { break };
            let old = text.get(edit.span.clone()).unwrap_or("");
            let new = &*edit.replacement;
            let blank = |s: &str| s.chars().all(char::is_whitespace);
            let around = (
                text[..edit.span.start].chars().next_back(),
                text[edit.span.end..].chars().next(),
            );
            let between_han = matches!(around, (Some(a), Some(b)) if is_han(a) && is_han(b));
            if blank(old) && blank(new) {
                if !between_han || (old.is_empty() && new.is_empty()) {
                    continue;
                }
                if new.is_empty() {
                    if let (Some(a), Some(b)) = around {
                        *counts.entry(layout::bigram_key(a, b)).or_insert(0) += 1;
                    }
                } else if old.is_empty() {
                    joins = None; // a pair parted
                }
            } else if old.chars().chain(new.chars()).any(is_han) || blank(old) != blank(new) {
                joins = None;
            }
        }
        // As the pipeline runs a pass: no text where it made no edit.
        let next = if out.edits.is_empty() {
            None
        } else {
            match crate::edit::apply(text, &out.edits) {
                Ok(next) => Some(next),
                // A bug in that pass: the pipeline reports it (on its own run).
                Err(_) => break,
            }
        };
        stages.push(AheadStage::new(pass, out, next));
    }
    LaterView { stages, joins }
}

/// The output as the later passes leave it: their runs, and the Han pairs
/// their edits put side by side inside a line.
struct LaterView {
    stages: Vec<AheadStage>,
    joins: Option<FxHashMap<u64, u32>>,
}

impl LaterView {
    /// The text after the last pass (`output` where none changed it).
    fn text<'t>(&'t self, output: &'t str) -> &'t str {
        text_after(&self.stages, output)
    }
}

/// The text after `stages`, run in order over `output`.
fn text_after<'t>(stages: &'t [AheadStage], output: &'t str) -> &'t str {
    stages
        .iter()
        .rev()
        .find_map(|s| s.next.as_deref())
        .unwrap_or(output)
}

/// For every break between `lines` (the non-blank lines of a text), how
/// many characters other than whitespace come before it: the same break in a
/// view of the text whose whitespace changed has the same key. (Between and
/// around the lines there is only whitespace, so the lines' own counts add
/// up to it.)
fn break_keys(lines: &[Line]) -> Vec<usize> {
    lines
        .iter()
        .take(lines.len().saturating_sub(1))
        .scan(0, |count, line| {
            *count += line.non_space();
            Some(*count)
        })
        .collect()
}

/// The last of the breaks whose `keys` (never decreasing) equal `key`.
fn last_break_with_key(keys: &[usize], key: usize) -> Option<usize> {
    let after = keys.partition_point(|&k| k <= key);
    (after > 0 && keys[after - 1] == key).then(|| after - 1)
}

/// For each of the byte `positions` of `text` (in ascending order), how many
/// characters other than whitespace come before it.
fn non_space_before(text: &str, positions: impl Iterator<Item = usize>) -> Vec<usize> {
    let (mut at, mut count) = (0, 0);
    positions
        .map(|p| {
            let p = p.max(at);
            count += text[at..p].chars().filter(|c| !c.is_whitespace()).count();
            at = p;
            count
        })
        .collect()
}

/// Byte offsets of the newlines of `text` that the `numbers` pass removes.
fn joined_by_numbers(text: &str) -> Vec<usize> {
    let mut out = PassOutput::default();
    crate::passes::numbers::Numbers.run(text, &Config::default(), &mut out);
    out.edits
        .iter()
        .filter(|e| !e.replacement.contains('\n'))
        .filter_map(|e| text[e.span.clone()].find('\n').map(|i| e.span.start + i))
        .collect()
}

/// The lines that are rows of a table: a line with fields of numbers set
/// apart by spaces ([`crate::text::looks_like_table_row`]) next to another
/// such line (a stock table, a league table, results), and a line of
/// fields right above or below such rows (the header `名次  球队  场次  积分`:
/// two gaps or more, no punctuation of running text). A row is a unit of
/// its own, never a wrap: it ends in a number without punctuation and the
/// next row may start with one, which would otherwise read as a paragraph
/// going on, or a number split over the break. The fields keep one space
/// each after `spacing`, so the rows of the output are rows again.
///
/// Empty where no line looks like a row (most pages): nothing is allocated.
fn table_rows(lines: &[Line]) -> Vec<bool> {
    let Some(first) = lines.iter().position(Line::looks_like_table_row) else {
        return Vec::new();
    };
    let mut looks_like_row = vec![false; lines.len()];
    looks_like_row[first] = true;
    for (k, line) in lines.iter().enumerate().skip(first + 1) {
        looks_like_row[k] = line.looks_like_table_row();
    }
    let next_to = |rows: &[bool], k: usize| {
        k.checked_sub(1).is_some_and(|j| rows[j]) || rows.get(k + 1).copied().unwrap_or(false)
    };
    let rows: Vec<bool> = (0..lines.len())
        .map(|k| looks_like_row[k] && next_to(&looks_like_row, k))
        .collect();
    (0..lines.len())
        .map(|k| rows[k] || (next_to(&rows, k) && lines[k].looks_like_fields()))
        .collect()
}

/// Fewest subheadings in a series that opens alike ([`parallel_heads`]).
const MIN_PARALLEL_HEADS: usize = 3;
/// Most lines from one subheading of a series to the next: the series is
/// one article's, not lines of a whole issue that happen to open alike.
const MAX_PARALLEL_GAP: usize = 60;

/// The lines that are one of a series of parallel subheadings: lines
/// right after a sentence end, shaped like a headline (no punctuation of
/// running text), whose first two characters are Han and the same as
/// those of at least two other such lines, each within
/// [`MAX_PARALLEL_GAP`] lines of the one before (`突出“快”招商引资跑出加速度`,
/// `突出“新”…`, `突出“实”…`). A series of subheadings in one article
/// often opens alike; three paragraphs whose first lines hold no
/// punctuation and open with the same word seldom do. Such a line set
/// as wide as a first line (in a narrow column) has no shape evidence of
/// its own (`score`: `*-headline`).
///
/// Empty where no series is found (most pages).
fn parallel_heads(lines: &[Line]) -> Vec<bool> {
    let opening = |line: &Line| -> Option<[char; 2]> {
        let mut chars = line.text.trim_start().chars();
        let pair = [chars.next()?, chars.next()?];
        pair.iter().all(|&c| is_han(c)).then_some(pair)
    };
    let mut candidates: Vec<(usize, [char; 2])> = Vec::new();
    for (k, pair) in lines.windows(2).enumerate() {
        if pair[0].ends_sentence && pair[1].headline_shaped() {
            if let Some(opening) = opening(&pair[1]) {
                candidates.push((k + 1, opening));
            }
        }
    }
    let mut heads = Vec::new();
    if candidates.len() < MIN_PARALLEL_HEADS {
        return heads;
    }
    candidates.sort_unstable_by_key(|&(k, opening)| (opening, k));
    let series = |a: &(usize, [char; 2]), b: &(usize, [char; 2])| {
        a.1 == b.1 && b.0 - a.0 <= MAX_PARALLEL_GAP
    };
    for alike in candidates.chunk_by(series) {
        if alike.len() >= MIN_PARALLEL_HEADS {
            if heads.is_empty() {
                heads = vec![false; lines.len()];
            }
            for &(k, _) in alike {
                heads[k] = true;
            }
        }
    }
    heads
}

/// Whether the breaks right before and after the breaks `run` have blank
/// lines too (a page edge counts as one): blank lines after every line
/// there, not between units.
fn among_blanks(blanks: &[usize], run: Range<usize>) -> bool {
    let before = run.start.checked_sub(1).map_or(1, |b| blanks[b]);
    let after = blanks.get(run.end).copied().unwrap_or(1);
    before > 0 && after > 0
}

/// Most lines an article's head (kicker, headline lines, byline) has.
const MAX_HEAD_LINES: usize = 4;

/// Lines that head an article: the lines right before a dateline line
/// (`本报讯 …`), or a line that opens a paragraph (`近日，…`,
/// [`score::opens_paragraph`]), back to the last sentence end, and none
/// where a dateline line comes first. A paragraph does not stop without
/// punctuation just before the next article or paragraph starts, so these
/// are headline, kicker or byline lines, each its own unit.
fn article_heads(lines: &[Line]) -> Vec<bool> {
    let mut heads = vec![false; lines.len()];
    for (d, line) in lines.iter().enumerate() {
        if !line.dateline && !score::opens_paragraph(line.text) {
            continue;
        }
        let mut start = d;
        // One line more than a head block has: where it would belong to
        // the block too, and two of those lines are running text (clause
        // marks), they are a paragraph whose sentence ends were lost (an
        // OCR's `°` for `。`), and no head.
        for k in (d.saturating_sub(MAX_HEAD_LINES + 1)..d).rev() {
            let l = &lines[k];
            // Lines after a story's dateline are its first paragraph, one
            // whose last sentence end was lost (`本报讯…作品奖”`).
            if l.dateline {
                start = d;
                break;
            }
            // A line that stops on a function word or a preposition goes on
            // (`…将于` / `近日，…`), and one that stops on a colon opens
            // what follows (`…相继建成……：`): no headline ends so.
            if l.ends_sentence
                || l.kind.is_float()
                || matches!(l.last, '，' | '、' | '；' | ',' | '：' | ':')
                || l.ends_wanting_more()
            {
                break;
            }
            if d - k > MAX_HEAD_LINES {
                if lines[k..d].iter().filter(|l| l.clause_punct).count() >= 2 {
                    start = d;
                }
                break;
            }
            start = k;
        }
        heads[start..d].fill(true);
    }
    heads
}

/// The newlines of a gap between two lines: from its first `\n` to its last
/// (spaces before and after stay with the lines; spaces on blank lines go).
fn newline_run(input: &str, gap: Range<usize>) -> Range<usize> {
    let text = &input.as_bytes()[gap.clone()];
    let first = memchr::memchr(b'\n', text).unwrap_or(0);
    let last = memchr::memrchr(b'\n', text).map_or(0, |i| i + 1);
    gap.start + first..gap.start + last
}

/// Opening minus closing double quotes in `text`. A run of three or more
/// of one quote is no quotation but an OCR's reading of something else
/// (`……` as `“““`) and counts for nothing: it would hold the quotation open
/// for the rest of the paragraph. (A run of two is one quote and its
/// fake-bold copy, and counts as one.)
fn quote_delta(text: &str) -> isize {
    // Both quotes are E2 80 9C/9D in UTF-8; E2 is rare in Chinese text.
    let bytes = text.as_bytes();
    let quote = |i: usize| match bytes.get(i..i + 3) {
        Some([0xe2, 0x80, 0x9c]) => 1,
        Some([0xe2, 0x80, 0x9d]) => -1,
        _ => 0,
    };
    let delta: isize = memchr::memchr_iter(0xe2, bytes).map(quote).sum();
    if delta.abs() < 3 {
        // No run of three, or one that other quotes balance: as counted.
        return delta;
    }
    // Each quote of a run is seen: the run counts at its first quote.
    memchr::memchr_iter(0xe2, bytes)
        .map(|i| {
            let q = quote(i);
            if q == 0 || (i >= 3 && quote(i - 3) == q) {
                return 0;
            }
            let run = (1..).take_while(|&r| quote(i + 3 * r) == q).count() + 1;
            match run {
                1 | 2 => q,
                _ => 0,
            }
        })
        .sum()
}

pub(super) fn latin_letter(c: char) -> bool {
    // ASCII by its own test, and nothing from U+2000 on is a Latin letter
    // (`is_latin_alnum`): no Unicode table look-up for the bulk of line
    // ends (Han, CJK punctuation).
    let letter = if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        (c as u32) < 0x2000 && !is_cjk_letter(c) && c.is_alphabetic() && is_latin_alnum(c)
    };
    debug_assert_eq!(
        letter,
        !is_cjk_letter(c) && c.is_alphabetic() && is_latin_alnum(c)
    );
    letter
}
