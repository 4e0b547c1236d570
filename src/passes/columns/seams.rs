//! Columns side by side with one space between them and no gutter.
//!
//! pdfplumber's `extract_text()`, and other extractors that write any gap
//! wider than a threshold as one space, put a row of a multi-column page on
//! one line with a single space where the gutter is:
//! `…为打造标杆型 平，从而打造特色…`. No row shows a gutter, so
//! [`super::layout`] finds none. What shows instead is the width of the
//! columns: the full lines of a justified column all have about the same
//! display width `W` (Han = 2 cells, a digit or Latin letter 1, which is
//! about what they take in print), so on row after row the text before a
//! space is `W` cells wide, and no piece between two cuts is wider.
//!
//! - Only pages with three lines in a row that have a space between two
//!   non-ASCII characters after a column-wide piece are measured
//!   ([`may_have_seams`], a byte scan).
//! - `W` is the width that most pieces beside such a space (a seam: CJK on
//!   both sides) are full lines of, up to [`SLACK`] cells narrower, or
//!   first lines of, their indent dropped. Where the rows cut at that
//!   width make no band (below), the next best widths are tried, up to
//!   [`MAX_WIDTHS_TRIED`]: lines that vary by more than `SLACK` (digits,
//!   kinsoku pulls) cluster around several widths, and the one most pieces
//!   agree on may not be the one that cuts the rows into columns. Where
//!   none does, the pieces beside a space next to a number count too
//!   where both are [`MIN_SEAM_WIDTH`] or wider (`…生物 86个乡镇…`: a
//!   short article whose full lines end in numbers, its seams between
//!   two CJK characters beside first lines and headlines only); last,
//!   widths with only [`MIN_FULL_LINES`] full lines beside seams where
//!   [`MIN_SEAM_ROWS`] first lines or more agree (a notice whose
//!   paragraphs are items, `一、…` `二、…`: the first lines' own width,
//!   which most pieces agree on, cuts no row with a full line).
//! - Each row is cut ([`cut`]) so that no part is wider than `W` and
//!   [`SLACK`]; of those cuts the cheapest: a left part that is a full
//!   line, a first line (its indent lost) or a paragraph's end costs
//!   nothing, any other 2, and a seam left inside a part (after a
//!   column-wide piece, or after a sentence end before words as wide,
//!   Latin words set apart by spaces counted as one: `过40%。
//!   洲举办的RISC-V Summit Europe大会，`) 1; then the
//!   fewest parts. A letter-spaced part's gaps take no cell. A part
//!   narrower than a column is cut after each sentence end in it where
//!   every piece then ends a sentence: inside a column no space follows
//!   one, so `亿元。 9.8%。` and `长。 态。` are two columns' last lines
//!   (the space before a digit shows no seam; two short pieces give no
//!   width to cut by). A row of one such part is cut so too, and after a
//!   colon before a sentence's end (`作： 早于…时间。`: a lead-in's last
//!   line beside the other column's; not `潍坊高新区： 桂林高新区`, two
//!   kickers). A speaker's label set apart by a gap in one column's short
//!   line (`记者： 下一步有什么打算？`) would be cut too: the row alone
//!   cannot tell it from a lead-in's last line.
//! - A band is a run of cut rows and the rows of one part between them
//!   that are a column's lines (full, first or last lines, or a lead-in's
//!   last line on a colon before a list item, `下：`: the other columns
//!   have space there); after the last cut row, where the other
//!   columns have ended (the last column's last line ended its paragraph;
//!   one before it that goes on goes on at the top of the next), the first
//!   column's lines go on in it: where its last line goes on, or where the
//!   rows below start with running text (clause marks, or as wide as the
//!   column; not the next article's headline). A caption or credit beside
//!   that tail (a line too wide to cut, a credit line) comes after the
//!   columns. It ends at
//!   a row too wide to cut (a headline across the page), a blank row, a
//!   control character. The page's bands are taken only with at least
//!   [`MIN_SEAM_ROWS`] rows that read as column lines side by side (cut
//!   where CJK meets CJK, or a number or a Latin word before a column's
//!   line, `…上涨 3800只股票上涨。`, or between two full lines; left parts
//!   full, first or last lines, one full or all first lines), a third of
//!   the cut rows or more, and two rows with two column-wide parts.
//! - Which columns a row with fewer parts fills shows in what the columns
//!   read ([`place_parts`]): a column whose line ended no sentence goes on
//!   (but for a numbered subheading, however wide); after a paragraph's
//!   end or a subheading comes a first line. A letter-spaced line is a
//!   full one (spaced out to the column's width, whatever its letters
//!   measure). A short line alone on its row may stand outside the
//!   columns (the next article's headline).
//! - Two bands of one width apart only by a row or two of one short line
//!   (a subheading in one column, the other column blank above its own)
//!   are one band where the upper band's second column opens in the
//!   middle of a sentence (`来。”村党支部…`) after its first column ended
//!   its paragraph, and the lower band's first column goes on at its foot
//!   ([`join_bands_across_subheadings`]). Two articles on one grid with a
//!   headline between them stay apart: there the first column goes on
//!   into the second.
//! - Articles side by side (a column each, or a few) have their headlines
//!   side by side above the band too, apart by one space (`我国航天发射再创
//!   佳绩 A股三大指数集体收涨`), then each subtitle on a row of its own, and
//!   an article whose text starts higher its first lines alone. Which
//!   column such a piece goes before shows in its words: the Han pairs it
//!   shares with each column's text, a pair that several columns hold
//!   shared among them, or single Han where no pair is any column's
//!   ([`side_by_side_heads`]). Taken only where a row
//!   holds pieces of two columns in order; one article's headline over
//!   its columns shares its words with all of them and stays. Where such
//!   rows open the band itself (headlines nearly as wide as narrow
//!   columns, cut at their seams), the columns start below them, provided
//!   every one of them tells its column (a first line beside a byline is
//!   none).
//! - Rows outside the bands are measured again with the width of their own
//!   columns (two articles on one page set in different columns), up to
//!   [`MAX_ROUNDS`] times.
//!
//! Never cut: a row without a space, a row as narrow as a column
//! (`本报讯 近年来…` in one column), spaces next to a digit or Latin letter
//! as evidence of the columns' width (`已达 6.8 万余`; but between two full
//! lines, or a full left line and the next column's), a page whose
//! pieces are narrower than [`MIN_SEAM_WIDTH`] (names, couplets, table
//! fields), a page without enough rows of column lines. Left alone: a row whose one line could be
//! either column's where the text gives no hint, columns on alternate
//! lines, columns of different widths in one band.

use std::collections::BTreeMap;
use std::ops::Range;

use super::grid::line_ranges;
use super::RUNNING_MARKS;
use crate::hash::FxHashMap;
use crate::passes::unwrap::{enumeration, han_pairs, is_float_line, opens_with_word_end};
use crate::text::{
    char_display_width, display_width, ends_sentence, is_cjk_punct, is_closing_mark,
    starts_common_han,
};

/// How many cells a column's full line may differ from `W`: justified lines
/// with digits or Latin letters come out a few cells narrower or wider.
const SLACK: usize = 3;
/// Narrowest column taken, in display cells (eight Han): narrower pieces
/// that line up are names, couplets or table fields.
const MIN_SEAM_WIDTH: usize = 16;
/// Fewest rows on a page that read as column lines side by side before its
/// bands are taken, and fewest pieces beside seams that agree on a width:
/// a short article in two columns has five or six rows, and a digit after
/// the space (`2.提升…`, `38.6万元`) hides some of its seams. Fewer would
/// take a stray space or two in running text for columns.
const MIN_SEAM_ROWS: usize = 3;
/// Fewest full lines beside seams of a width tried after the others
/// (`first_line_widths` in [`seam_layout`]).
const MIN_FULL_LINES: usize = 2;
/// Fewest bytes of a column's line ([`MIN_SEAM_WIDTH`] cells of Han, or
/// more of digits and Latin letters).
const MIN_SEAM_BYTES: usize = MIN_SEAM_WIDTH / 2 * 3;
/// Fewest rows of full column lines in each band.
const MIN_BAND_ROWS: usize = 2;
/// What a row standing outside a band's columns costs ([`place_parts`]).
const RESTART: i64 = 1;
/// Most parts a row is cut into (columns on a page).
const MAX_COLUMNS: usize = 8;
/// Most rows of a caption or credit inside a column's tail below a band.
const MAX_FLOAT_ROWS: usize = 2;
/// How often rows outside the bands are measured again.
const MAX_ROUNDS: usize = 3;
/// Most column widths tried in a round, best first.
const MAX_WIDTHS_TRIED: usize = 3;
/// A first line whose indent (two Han) the extractor dropped is this much
/// narrower than a full line.
const INDENT: usize = 4;

/// The reading order found: byte ranges of the output lines, and the bands.
#[derive(Debug)]
pub(super) struct SeamLayout {
    pub lines: Vec<Range<usize>>,
    pub bands: Vec<SeamBand>,
}

#[derive(Debug, Clone)]
pub(super) struct SeamBand {
    pub rows: Range<usize>,
    /// The first row after the last cut row: from it on, the first
    /// column's lines (it goes on below the others).
    pub tail: usize,
    /// Byte range of its first row.
    pub first_row: Range<usize>,
    /// The columns' width in display cells.
    pub width: usize,
    pub columns: usize,
}

/// A line of the input.
struct Line {
    /// Without its line end.
    bytes: Range<usize>,
    /// The pieces between single spaces, leading and trailing spaces left
    /// out: byte range and display width. Empty for a blank line.
    pieces: Vec<(Range<usize>, usize)>,
    /// Holds a control character (a form feed): never in a band.
    barrier: bool,
}

/// A line as cut for one column width.
#[derive(Debug, Clone, PartialEq)]
enum Cut {
    Blank,
    /// A line with a control character (a form feed).
    Barrier,
    /// A row of a band found in an earlier round: more text (another
    /// article's columns).
    Taken,
    /// Wider than a column and not to be cut into column lines.
    Wide,
    /// Column lines, left to right: byte range and width.
    Parts(Vec<(Range<usize>, usize)>),
}

/// The reading order of a page whose columns are apart by single spaces,
/// or `None` when it has none.
pub(super) fn seam_layout(text: &str) -> Option<SeamLayout> {
    if !may_have_seams(text) {
        return None;
    }
    let lines: Vec<Line> = line_ranges(text).map(|r| measure(text, r)).collect();
    let mut in_band = vec![false; lines.len()];
    let mut bands: Vec<(SeamBand, Vec<Cut>)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        // The widths the pieces suggest, best first: the first one whose
        // cuts read as bands.
        let cuts_at = |width: usize| -> Vec<Cut> {
            lines
                .iter()
                .zip(&in_band)
                .map(|(line, &taken)| {
                    if taken {
                        Cut::Taken
                    } else if line.barrier {
                        Cut::Barrier
                    } else {
                        cut(text, line, width)
                    }
                })
                .collect()
        };
        // Where the pieces beside seams suggest no width that cuts bands,
        // those beside spaces next to a number too (a short article whose
        // lines end in numbers, `…新增5家 86个乡镇…`).
        let seam_widths = column_widths(text, &lines, &in_band, false, MIN_SEAM_ROWS);
        let tried = &seam_widths[..seam_widths.len().min(MAX_WIDTHS_TRIED)];
        let number_widths = || {
            column_widths(text, &lines, &in_band, true, MIN_SEAM_ROWS)
                .into_iter()
                .filter(|w| !tried.contains(w))
                .take(MAX_WIDTHS_TRIED)
        };
        // Last, widths with only two full lines beside seams where first
        // lines (their indent dropped) make up the rest: a short notice
        // whose paragraphs are items (`一、…`, `二、…`) has few full lines.
        let first_line_widths = || {
            column_widths(text, &lines, &in_band, false, MIN_FULL_LINES)
                .into_iter()
                .filter(|w| !tried.contains(w))
                .take(MAX_WIDTHS_TRIED)
        };
        let Some((width, cuts, found)) = seam_widths
            .iter()
            .copied()
            .take(MAX_WIDTHS_TRIED)
            .chain(std::iter::once(()).flat_map(|()| number_widths()))
            .chain(std::iter::once(()).flat_map(|()| first_line_widths()))
            .find_map(|width| {
                let cuts = cuts_at(width);
                let found = find_bands(text, &cuts, width);
                (!found.is_empty()).then_some((width, cuts, found))
            })
        else {
            break;
        };
        let found = join_bands_across_subheadings(text, &cuts, width, found);
        for (rows, tail) in found {
            let columns = rows
                .clone()
                .map(|r| match &cuts[r] {
                    Cut::Parts(parts) => parts.len(),
                    _ => 0,
                })
                .max()
                .unwrap_or(0);
            in_band[rows.clone()].iter_mut().for_each(|t| *t = true);
            let band = SeamBand {
                first_row: lines[rows.start].bytes.clone(),
                rows: rows.clone(),
                tail,
                width,
                columns,
            };
            // A caption too wide for the columns, inside the first
            // column's tail: one part, the whole line (width 0: a float).
            let band_cuts = rows
                .map(|r| match &cuts[r] {
                    Cut::Wide => Cut::Parts(vec![(whole(&lines[r]), 0)]),
                    cut => cut.clone(),
                })
                .collect();
            bands.push((band, band_cuts));
        }
    }
    if bands.is_empty() {
        return None;
    }
    bands.sort_by_key(|(band, _)| band.rows.start);
    let mut out = Vec::with_capacity(lines.len() + 16);
    let mut bands_left = bands.iter().peekable();
    let mut r = 0;
    // The first row after the last band (rows from it on were written as
    // they are).
    let mut after_band = 0;
    while r < lines.len() {
        let Some((band, cuts)) = bands_left.next_if(|(b, _)| b.rows.start == r) else {
            out.push(lines[r].bytes.clone());
            r += 1;
            continue;
        };
        let rows: Vec<&[(Range<usize>, usize)]> = cuts
            .iter()
            .map(|cut| match cut {
                Cut::Parts(parts) => parts.as_slice(),
                _ => &[],
            })
            .collect();
        let tail = band.tail - band.rows.start;
        // The parts of the rows from `skip` on placed in columns: the
        // columns' rows by what they read; the tail is the first column's,
        // but for a caption or credit set beside it (in the space the
        // other columns left), which comes after the columns.
        let is_float = |parts: &[(Range<usize>, usize)]| matches!(parts, [(range, width)] if *width == 0 || is_float_line(&text[range.clone()]));
        let place = |skip: usize| {
            let mut placed = place_parts(text, &rows[skip..tail], band.columns, band.width);
            placed.extend(
                rows[tail..]
                    .iter()
                    .map(|parts| Some(if is_float(parts) { vec![] } else { vec![0] })),
            );
            placed
        };
        let floats: Vec<Range<usize>> = rows[tail..]
            .iter()
            .filter(|parts| is_float(parts))
            .map(|parts| parts[0].0.clone())
            .collect();
        // Headlines of articles set side by side, one per column, above
        // it: each goes before its own column's lines (the rows were
        // written as they are). They may open the band too (its first
        // rows, none with a column's line, are cut at their seams): then
        // the band's columns start below them.
        // (Rows without marks of running text, as many as read as heads
        // side by side: a byline and a column's first line may follow.)
        let lead = rows[..tail]
            .iter()
            .take(MAX_HEAD_ROWS)
            .take_while(|parts| {
                !parts.is_empty()
                    && parts.iter().all(|part| {
                        let line = &text[part.0.clone()];
                        !line.contains(RUNNING_MARKS) && !ends_sentence(line)
                    })
            })
            .count();
        let opening = (1..=lead.min(tail.saturating_sub(1)))
            .rev()
            .find_map(|lead| {
                let placed = place(lead);
                let heads = side_by_side_heads(
                    text,
                    &lines[after_band..band.rows.start + lead],
                    &rows[lead..],
                    &placed,
                    band,
                    true,
                )?;
                (heads.rows >= lead).then_some((lead, placed, heads))
            });
        let (skip, placed, mut heads) = match opening {
            Some((lead, placed, heads)) => (lead, placed, Some(heads)),
            None => {
                let placed = place(0);
                let heads = side_by_side_heads(
                    text,
                    &lines[after_band..band.rows.start],
                    &rows,
                    &placed,
                    band,
                    false,
                );
                (0, placed, heads)
            }
        };
        if let Some(heads) = &heads {
            out.truncate(out.len() - (heads.rows - skip));
        }
        let rows = &rows[skip..];
        // Each stretch between rows that stand outside the columns (the
        // next article's headline), column by column; those rows as they
        // are.
        let mut from = 0;
        while from < rows.len() {
            let to = (from..rows.len())
                .find(|&k| placed[k].is_none())
                .unwrap_or(rows.len());
            for column in 0..band.columns {
                if let Some(heads) = heads.as_mut() {
                    out.append(&mut heads.columns[column]);
                }
                for (parts, columns) in rows[from..to].iter().zip(&placed[from..to]) {
                    let columns = columns.as_deref().unwrap_or_default();
                    if let Some(i) = columns.iter().position(|&c| c == column) {
                        out.push(parts[i].0.clone());
                    }
                }
            }
            if to < rows.len() {
                out.push(lines[band.rows.start + skip + to].bytes.clone());
            }
            from = to + 1;
        }
        out.extend(floats);
        r = band.rows.end;
        after_band = r;
    }
    Some(SeamLayout {
        lines: out,
        bands: bands.into_iter().map(|(band, _)| band).collect(),
    })
}

/// Most rows above a band that [`side_by_side_heads`] looks at.
const MAX_HEAD_ROWS: usize = 8;

/// The rows right above a band that belong to its columns' articles, each
/// column's in order.
struct Heads {
    /// How many rows (the last ones written before the band).
    rows: usize,
    columns: Vec<Vec<Range<usize>>>,
}

/// Where articles stand side by side, a column each (or a few), their
/// headlines stand side by side above them too, apart by one space:
/// `我国航天发射再创佳绩 A股三大指数集体收涨`, then each one's subtitle on a
/// row of its own (`新一代运载火箭首飞成功`, `两市成交额突破1.2万亿元`), and
/// an article whose text starts higher has its first lines there alone.
/// Which article a piece of such a row belongs to shows in its words:
/// the Han pairs it shares with each column's text ([`column_of`]). The
/// rows right above the band (up to [`MAX_HEAD_ROWS`], none wider than a
/// column line; blank ones among them go with the row above) are taken where one of them holds pieces of
/// two columns side by side, in column order: it is cut between them, and
/// every row goes before the lines of its column (a row whose words tell
/// none goes with the row above it, the first such row with the first
/// column; with `all_told`, rows that open the band itself, none may be
/// such a row: a column's first line beside a byline, `本报讯（记者刘洋
/// 通讯员孙丽）眼 本报记者何静`, is no head; and a headline goes before
/// the first column of its article, one whose last line goes on into
/// the next and that holds some of its pairs). Never taken: rows of one article's headline over its columns
/// (its words are the text of every column, or of none alone).
fn side_by_side_heads(
    text: &str,
    above: &[Line],
    rows: &[&[(Range<usize>, usize)]],
    placed: &[Option<Vec<usize>>],
    band: &SeamBand,
    all_told: bool,
) -> Option<Heads> {
    if band.columns < 2 {
        return None;
    }
    // Blank rows among them (an extractor that writes a blank row where
    // the rows' baselines leave a gap) stay with the row above.
    let fits = |line: &Line| !line.barrier && line.pieces.iter().all(|p| p.1 <= band.width + SLACK);
    let run = above
        .iter()
        .rev()
        .take(MAX_HEAD_ROWS)
        .take_while(|line| fits(line))
        .count();
    let blank_on_top = above[above.len() - run..]
        .iter()
        .take_while(|line| line.pieces.is_empty())
        .count();
    let taken = run - blank_on_top;
    if taken == 0 {
        return None;
    }
    let head_rows = &above[above.len() - taken..];
    // The first column of each column's article: a column goes on from
    // the one before it where that one's last line goes on (an article
    // set in two columns); its headlines go before that one where it
    // holds some of their words too (a line of running text, its own
    // column's top, before its own).
    // And the Han pairs and single Han of each column's lines.
    let mut last_lines: Vec<Option<&(Range<usize>, usize)>> = vec![None; band.columns];
    let mut words: Vec<FxHashMap<u64, ()>> = vec![FxHashMap::default(); band.columns];
    for (parts, columns) in rows.iter().zip(placed) {
        for (part, &column) in parts.iter().zip(columns.iter().flatten()) {
            last_lines[column] = Some(part);
            let line = &text[part.0.clone()];
            for key in pairs_of(line).into_iter().chain(han_singles(line)) {
                words[column].insert(key, ());
            }
        }
    }
    let mut article_start: Vec<usize> = (0..band.columns).collect();
    for c in 1..band.columns {
        if last_lines[c - 1].is_some_and(|part| goes_on(text, part, band.width)) {
            article_start[c] = article_start[c - 1];
        }
    }
    let mut columns: Vec<Vec<Range<usize>>> = vec![Vec::new(); band.columns];
    let mut current = 0;
    let mut split_any = false;
    for line in head_rows {
        let said: Vec<Option<usize>> = line
            .pieces
            .iter()
            .map(|piece| {
                let piece = &text[piece.0.clone()];
                let head = !piece.contains(RUNNING_MARKS) && !ends_sentence(piece);
                column_of(piece, &words).map(|mut c| {
                    // Back to the first column of its article that holds
                    // some of its pairs.
                    while all_told
                        && head
                        && c > 0
                        && article_start[c] < c
                        && holds_any(piece, &words[c - 1])
                    {
                        c -= 1;
                    }
                    c
                })
            })
            .collect();
        let told: Vec<(usize, usize)> = said
            .iter()
            .enumerate()
            .filter_map(|(k, c)| c.map(|c| (k, c)))
            .collect();
        let (Some(&(_, first)), Some(&(_, last))) = (told.first(), told.last()) else {
            if all_told && !line.pieces.is_empty() {
                return None;
            }
            columns[current].push(whole(line));
            continue;
        };
        if told.windows(2).any(|w| w[1].1 < w[0].1) {
            return None;
        }
        if first == last {
            current = first;
            columns[current].push(whole(line));
            continue;
        }
        // Cut before the first piece of each new column (pieces between
        // that tell none go with the one before).
        split_any = true;
        let mut start = 0;
        for pair in told.windows(2).filter(|w| w[1].1 != w[0].1) {
            let cut_at = pair[1].0;
            let piece_range = |k: usize| line.pieces[k].0.clone();
            columns[pair[0].1].push(piece_range(start).start..piece_range(cut_at - 1).end);
            start = cut_at;
        }
        let end = line.pieces.len() - 1;
        columns[last].push(line.pieces[start].0.start..line.pieces[end].0.end);
        current = last;
    }
    split_any.then_some(Heads {
        rows: taken,
        columns,
    })
}

/// The column whose text a piece shares its words with: the Han pairs of
/// the piece that each column's lines hold (each shared evenly among the
/// columns that hold it), the column with the most, or
/// the first of neighbours with at least half as many (one article's
/// columns), where every other column has fewer than half as many.
fn column_of(piece: &str, keys: &[FxHashMap<u64, ()>]) -> Option<usize> {
    // A key counts a share for each column that holds it: words every
    // article uses (`本报讯`, `全市`) tell little.
    let scores_of = |own: &mut Vec<u64>| {
        own.sort_unstable();
        own.dedup();
        let mut scores = vec![0usize; keys.len()];
        for key in own.iter() {
            let holding: Vec<usize> = (0..keys.len())
                .filter(|&c| keys[c].contains_key(key))
                .collect();
            for &c in &holding {
                scores[c] += SHARES / holding.len();
            }
        }
        scores
    };
    let mut scores = scores_of(&mut pairs_of(piece));
    // Where no pair is in any column's text, single Han are (a headline's
    // words that its article writes apart or in other words: `乡村振兴看
    // 变化` over a text of `村`, `乡愁`, `文化`), two at least.
    if scores.iter().all(|&s| s == 0) {
        scores = scores_of(&mut han_singles(piece).collect());
        if scores.iter().all(|&s| s < MIN_SINGLES * SHARES) {
            return None;
        }
    }
    let best = *scores.iter().max()?;
    if best == 0 {
        return None;
    }
    let top = scores.iter().position(|&s| s == best)?;
    let near = |s: usize| s * 2 >= best;
    let start = (0..top)
        .rev()
        .take_while(|&c| near(scores[c]))
        .last()
        .unwrap_or(top);
    let end = (top..scores.len())
        .take_while(|&c| near(scores[c]))
        .last()
        .unwrap_or(top);
    let others_far = scores
        .iter()
        .enumerate()
        .all(|(c, &s)| (start..=end).contains(&c) || !near(s));
    // Words that every column holds tell none.
    let all = start == 0 && end + 1 == scores.len();
    (others_far && !all).then_some(start)
}

/// Whether a column's keys hold any Han pair of `piece`.
fn holds_any(piece: &str, keys: &FxHashMap<u64, ()>) -> bool {
    pairs_of(piece).iter().any(|key| keys.contains_key(key))
}

/// What a pair counts in [`column_of`], split evenly between the columns
/// that hold it (divisible by every count of columns up to
/// [`MAX_COLUMNS`]).
const SHARES: usize = 840;

/// Fewest shares of single Han ([`han_singles`]) that tell a column.
const MIN_SINGLES: usize = 2;

/// The keys of the Han in `text`, one each (apart from any pair's).
fn han_singles(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.chars()
        .filter(|&c| crate::text::is_han(c))
        .map(|c| (u64::from(c) << 32) | u64::from(u32::MAX))
}

/// The keys of the pairs of Han side by side in `text` (as `unwrap`
/// counts them).
fn pairs_of(text: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    han_pairs(text, |key| keys.push(key));
    keys
}

/// Most rows of single short lines between two bands that
/// [`join_bands_across_subheadings`] takes into one.
const MAX_ROWS_BETWEEN_BANDS: usize = 2;

/// Bands of one width apart only by a row or two of one short line each
/// (a subheading in one column, the other column blank above its own) are
/// one band where the text says so: the upper band's second column opens
/// in the middle of a sentence (`来。”村党支部…`), so it goes on from a
/// column's foot, and its first column ended its paragraph, so that foot
/// is the lower band's first column's, which goes on at its last row.
/// (Two articles on one grid, a headline between them, read apart: each
/// column opens a paragraph.)
fn join_bands_across_subheadings(
    text: &str,
    cuts: &[Cut],
    width: usize,
    found: Vec<(Range<usize>, usize)>,
) -> Vec<(Range<usize>, usize)> {
    let parts_of = |r: usize| match &cuts[r] {
        Cut::Parts(parts) => parts.as_slice(),
        _ => &[],
    };
    let opens_mid_sentence = |part: &(Range<usize>, usize)| {
        let line = &text[part.0.clone()];
        line.starts_with(crate::text::never_starts_line) || opens_with_word_end(line)
    };
    let mut joined: Vec<(Range<usize>, usize)> = Vec::with_capacity(found.len());
    for (rows, tail) in found {
        if let Some((above, above_tail)) = joined.last_mut() {
            let between = above.end..rows.start;
            let singles = between.len() <= MAX_ROWS_BETWEEN_BANDS
                && between.clone().all(|r| parts_of(r).len() == 1);
            let first_split = above.clone().find(|&r| parts_of(r).len() >= 2);
            // A band's first column's last line: its tail's last, or its
            // part of the last row with parts.
            let foot = |band: &Range<usize>| band.clone().rev().find(|&r| !parts_of(r).is_empty());
            let continues = first_split.zip(foot(above)).zip(foot(&rows)).is_some_and(
                |((top, above_foot), foot)| {
                    opens_mid_sentence(&parts_of(top)[1])
                        && !goes_on(text, &parts_of(above_foot)[0], width)
                        && goes_on(text, &parts_of(foot)[0], width)
                },
            );
            if singles && continues {
                *above = above.start..rows.end;
                *above_tail = tail;
                continue;
            }
        }
        joined.push((rows, tail));
    }
    joined
}

/// A line's text without its leading and trailing spaces.
fn whole(line: &Line) -> Range<usize> {
    match (line.pieces.first(), line.pieces.last()) {
        (Some(first), Some(last)) => first.0.start..last.0.end,
        _ => line.bytes.clone(),
    }
}

/// Most columns whose parts are placed by [`place_parts`] (its work grows
/// as 2 to this power per row); a wider band puts a row's parts in its
/// leftmost columns.
const MAX_PLACED_COLUMNS: usize = 4;

/// The column of each part of each row of a band of `columns` columns, or
/// `None` for a row that stands outside them.
///
/// A row with fewer parts than columns leaves some column empty there
/// (space above a subheading, a column that ended), and which one shows
/// only in what the columns read: a column whose line was full and ended no
/// sentence goes on in the next row (missing there costs 3), and after a
/// paragraph's end comes a first line (its indent dropped) or a short line,
/// not a full one (costs 2; a part that goes on an open column scores 2,
/// one that fits a closed column 1). A short line alone on its row that
/// ends no sentence may instead stand outside the columns (costs
/// [`RESTART`]): the next article's headline on the same column grid,
/// after which the columns start afresh. The placing of all rows that
/// scores best (Viterbi over which columns are open); ties go to the
/// leftmost columns.
fn place_parts(
    text: &str,
    rows: &[&[(Range<usize>, usize)]],
    columns: usize,
    width: usize,
) -> Vec<Option<Vec<usize>>> {
    let leftmost = |parts: &[(Range<usize>, usize)]| Some((0..parts.len()).collect::<Vec<_>>());
    if columns > MAX_PLACED_COLUMNS || rows.iter().all(|parts| parts.len() == columns) {
        return rows.iter().map(|parts| leftmost(parts)).collect();
    }
    // States: a bit per open column, and `fresh` (nothing known: the band's
    // start, or just after a row outside the columns).
    let fresh = 1usize << columns;
    let states = fresh + 1;
    // Per row and state: the state before and the way its parts were
    // placed (an index into that row's `ways`; `OUTSIDE` for none).
    const OUTSIDE: u8 = u8::MAX;
    let mut back: Vec<Vec<Option<(u8, u8)>>> = Vec::with_capacity(rows.len());
    let mut all_ways: Vec<Vec<Vec<usize>>> = vec![Vec::new(); columns + 1];
    let mut previous: Vec<Option<i64>> = vec![None; states];
    previous[fresh] = Some(0);
    for parts in rows {
        if all_ways[parts.len()].is_empty() {
            all_ways[parts.len()] = combinations(columns, parts.len());
        }
        let ways = &all_ways[parts.len()];
        // A numbered subheading (`（一）概念验证打通“第一公里”`) as wide as
        // the column is no full line: it goes on into no line, and it
        // starts afresh in a column whose paragraph ended.
        let (full, on): (Vec<bool>, Vec<bool>) = parts
            .iter()
            .map(|part| {
                let line = &text[part.0.clone()];
                if is_numbered_heading(line) {
                    (false, false)
                } else {
                    // A letter-spaced line was spaced out to the column's
                    // width: full, whatever its letters measure.
                    let full = is_full(part.1, width) || is_letter_spaced(line);
                    (full, goes_on(text, part, width))
                }
            })
            .unzip();
        // What goes on a paragraph from a line that did not end it is a
        // full line or its last line, not a narrower line that ends no
        // sentence (a first line, a headline, a subheading).
        let goes_on_one: Vec<bool> = parts
            .iter()
            .zip(&full)
            .map(|(part, &full)| full || ends_sentence(&text[part.0.clone()]))
            .collect();
        let may_stand_outside =
            parts.len() == 1 && !full[0] && !ends_sentence(&text[parts[0].0.clone()]);
        let mut scores: Vec<Option<i64>> = vec![None; states];
        let mut here: Vec<Option<(u8, u8)>> = vec![None; states];
        let mut offer = |next: usize, total: i64, from: usize, way: u8| {
            if scores[next].is_none_or(|s| total > s) {
                scores[next] = Some(total);
                here[next] = Some((from as u8, way));
            }
        };
        for (state, score) in previous.iter().enumerate() {
            let Some(score) = *score else { continue };
            let known = state != fresh;
            let open_bits = if known { state } else { 0 };
            for (w, chosen) in ways.iter().enumerate() {
                let (mut next, mut gain, mut placed) = (open_bits, 0i64, 0usize);
                for (i, &c) in chosen.iter().enumerate() {
                    let open = open_bits & (1 << c) != 0;
                    // After a fresh start any placing is as good as a
                    // fitting one.
                    gain += if !known {
                        1
                    } else {
                        match (open, full[i]) {
                            (true, _) if goes_on_one[i] => 2,
                            (true, _) => -1,
                            (false, true) => -2,
                            (false, false) => 1,
                        }
                    };
                    next = if on[i] {
                        next | 1 << c
                    } else {
                        next & !(1 << c)
                    };
                    placed |= 1 << c;
                }
                // Open columns that got no line.
                gain -= 3 * i64::from((open_bits & !placed).count_ones());
                offer(next, score + gain, state, w as u8);
            }
            if may_stand_outside && known {
                offer(fresh, score - RESTART, state, OUTSIDE);
            }
        }
        previous = scores;
        back.push(here);
    }
    // Back from the best last state; ties go to the lowest state (fewest
    // open columns, then the leftmost).
    let mut state = (0..states)
        .filter_map(|s| previous[s].map(|score| (score, s)))
        .max_by_key(|&(score, s)| (score, std::cmp::Reverse(s)))
        .map_or(fresh, |(_, s)| s);
    let mut placed = vec![None; rows.len()];
    for r in (0..rows.len()).rev() {
        let (before, way) = back[r][state].expect("every state reached has a way there");
        placed[r] = (way != OUTSIDE).then(|| all_ways[rows[r].len()][usize::from(way)].clone());
        state = usize::from(before);
    }
    placed
}

/// Fewest characters set apart one by one in a letter-spaced line.
const MIN_SPACED_LETTERS: usize = 4;

/// A line whose letters are set apart one by one (most of its pieces one
/// character, [`MIN_SPACED_LETTERS`] at least): `总 体 方 案 和 多 项 关 键 技`.
pub(super) fn is_letter_spaced(line: &str) -> bool {
    let (mut pieces, mut single) = (0, 0);
    for piece in line.split(' ').filter(|p| !p.is_empty()) {
        pieces += 1;
        single += usize::from(piece.chars().nth(1).is_none());
    }
    single >= MIN_SPACED_LETTERS && single * 2 > pieces
}

/// A line that opens with a section number and has no punctuation of
/// running text after it: a subheading.
fn is_numbered_heading(line: &str) -> bool {
    enumeration(line).is_some_and(|e| !line[e.len..].contains(RUNNING_MARKS))
}

/// The ways to choose `k` of `n` columns, in increasing order, the
/// leftmost first.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut all = Vec::new();
    let mut chosen: Vec<usize> = (0..k).collect();
    if k > n {
        return all;
    }
    loop {
        all.push(chosen.clone());
        // The rightmost position that can move right.
        let Some(i) = (0..k).rev().find(|&i| chosen[i] < n - k + i) else {
            return all;
        };
        chosen[i] += 1;
        for j in i + 1..k {
            chosen[j] = chosen[j - 1] + 1;
        }
    }
}

/// Whether `text` has what any band needs, told from its bytes: at least
/// [`MIN_SEAM_ROWS`] lines with a space between two non-ASCII characters
/// after a piece of [`MIN_SEAM_BYTES`] or more (a column's line), three of
/// them one after the other. Most pages fail (a page with a blank line
/// after every line, `本报讯 近日` once a paragraph) and are not measured.
fn may_have_seams(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Lines end at `\n`; a text without one ends them at `\r`.
    let end = if memchr::memchr(b'\n', bytes).is_some() {
        b'\n'
    } else {
        b'\r'
    };
    // The end of the last line found with a seam (its line end's byte).
    let mut last_end: Option<usize> = None;
    // The start of the line of the last space looked at, and that space:
    // each stretch is searched for a line end once.
    let (mut line_start, mut looked) = (0, 0);
    let (mut seam_lines, mut run) = (0, 0);
    for at in memchr::memchr_iter(b' ', bytes) {
        // A continuation byte before, a lead byte after; on a line not
        // counted yet.
        let beside_non_ascii =
            at > 0 && bytes[at - 1] >= 0x80 && bytes.get(at + 1).is_some_and(|&b| b >= 0xc0);
        if !beside_non_ascii || last_end.is_some_and(|e| at < e) {
            continue;
        }
        if let Some(p) = memchr::memrchr(end, &bytes[looked..at]) {
            line_start = looked + p + 1;
        }
        looked = at;
        let piece_start = memchr::memrchr(b' ', &bytes[line_start..at])
            .map_or(line_start, |p| line_start + p + 1);
        if at - piece_start < MIN_SEAM_BYTES {
            continue;
        }
        run = if last_end.is_some_and(|e| e + 1 == line_start) {
            run + 1
        } else {
            1
        };
        last_end = Some(memchr::memchr(end, &bytes[at..]).map_or(bytes.len(), |p| at + p));
        seam_lines += 1;
        if run >= 3 && seam_lines >= MIN_SEAM_ROWS {
            return true;
        }
    }
    false
}

/// Splits a line into its pieces between single spaces.
fn measure(text: &str, bytes: Range<usize>) -> Line {
    let line = &text.as_bytes()[bytes.clone()];
    let mut pieces = Vec::new();
    let mut barrier = false;
    // The open piece: its start and width (`None` once a character whose
    // width does not simply add up is in it: measured as a whole).
    let mut open: Option<(usize, Option<usize>)> = None;
    let mut close = |open: &mut Option<(usize, Option<usize>)>, end: usize| {
        if let Some((start, width)) = open.take() {
            let range = bytes.start + start..bytes.start + end;
            let width = width.unwrap_or_else(|| display_width(&text[range.clone()]));
            pieces.push((range, width));
        }
    };
    let mut at = 0;
    while at < line.len() {
        // Printable ASCII and common Han (the bulk of a line) are told by
        // their bytes; other characters are decoded.
        let b0 = line[at];
        let (len, width) = match b0 {
            b' ' => {
                close(&mut open, at);
                at += 1;
                continue;
            }
            b'!'..=b'~' => (1, Some(1)),
            0xe3..=0xe9 if starts_common_han(b0, line[at + 1]) => (3, Some(2)),
            _ => {
                let c = text[bytes.start + at..].chars().next().unwrap_or(' ');
                barrier |= c.is_control() && c != '\t';
                let width = match c {
                    c if is_cjk_punct(c) => Some(char_display_width(c)),
                    _ => None,
                };
                (c.len_utf8(), width)
            }
        };
        let (_, total) = open.get_or_insert((at, Some(0)));
        *total = total.zip(width).map(|(t, w)| t + w);
        at += len;
    }
    close(&mut open, line.len());
    let measured = Line {
        bytes,
        pieces,
        barrier,
    };
    #[cfg(debug_assertions)]
    {
        let plain = measure_plain(text, measured.bytes.clone());
        assert_eq!(
            (&measured.pieces, measured.barrier),
            (&plain.pieces, plain.barrier),
            "the byte walk measures a line as splitting it does"
        );
    }
    measured
}

/// [`measure`] by splitting the line and measuring each piece (to check it
/// against).
#[cfg(debug_assertions)]
fn measure_plain(text: &str, bytes: Range<usize>) -> Line {
    let line = &text[bytes.clone()];
    let barrier = line.chars().any(|c| c.is_control() && c != '\t');
    let mut pieces = Vec::new();
    let mut at = bytes.start;
    for piece in line.split(' ') {
        if !piece.is_empty() {
            pieces.push((at..at + piece.len(), display_width(piece)));
        }
        at += piece.len() + 1;
    }
    Line {
        bytes,
        pieces,
        barrier,
    }
}

/// The widths the columns' full lines may have, best first, from the
/// pieces beside a space where columns may meet ([`is_seam`];
/// `beside_numbers`: or any space between two pieces of
/// [`MIN_SEAM_WIDTH`] or more): widths that enough pieces are as wide as.
fn column_widths(
    text: &str,
    lines: &[Line],
    taken: &[bool],
    beside_numbers: bool,
    min_full: usize,
) -> Vec<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for (line, _) in lines.iter().zip(taken).filter(|(l, &t)| !t && !l.barrier) {
        let pieces = &line.pieces;
        for (k, &(_, width)) in pieces.iter().enumerate() {
            let wide = |w: usize| beside_numbers && w >= MIN_SEAM_WIDTH;
            let beside_seam = (k > 0
                && (is_seam(text, &pieces[k - 1].0, &pieces[k].0)
                    || (wide(pieces[k - 1].1) && wide(width))))
                || (k + 1 < pieces.len()
                    && (is_seam(text, &pieces[k].0, &pieces[k + 1].0)
                        || (wide(width) && wide(pieces[k + 1].1))));
            if width >= MIN_SEAM_WIDTH && beside_seam {
                *counts.entry(width).or_insert(0) += 1;
            }
        }
    }
    // The width that most pieces are full lines of (up to `SLACK` cells
    // narrower: digits and Latin letters make justified lines vary) or
    // first lines whose indent the extractor dropped, with enough full
    // lines; then the most full lines, the widest. A short article of
    // many paragraphs has about as many first lines as full ones, and a
    // width taken from its first lines would cut no full line.
    let within = |widest: usize| -> usize {
        counts
            .range(widest.saturating_sub(SLACK)..=widest)
            .map(|(_, n)| n)
            .sum()
    };
    let mut ranked: Vec<(usize, usize, usize)> = counts
        .keys()
        .filter_map(|&width| {
            let full = within(width);
            let first = within(width.saturating_sub(INDENT));
            // Fewer full lines than `MIN_SEAM_ROWS` where as many first
            // lines agree.
            (full >= min_full && (full >= MIN_SEAM_ROWS || first >= MIN_SEAM_ROWS)).then_some((
                full + first,
                full,
                width,
            ))
        })
        .collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    ranked.into_iter().map(|(.., width)| width).collect()
}

/// A line `width` cells wide is a full line of a column `column` wide.
fn is_full(width: usize, column: usize) -> bool {
    width + SLACK >= column
}

/// A line `width` cells wide is as wide as a column's line: full, or a
/// first line whose indent the extractor dropped.
fn is_column_wide(width: usize, column: usize) -> bool {
    width + SLACK + INDENT >= column
}

/// How a left part of a cut row reads: 0 a full line, 1 a paragraph's last
/// line or a first line without its indent, 2 anything else.
fn left_cost(text: &str, width: usize, column: usize) -> usize {
    if is_full(width, column) {
        0
    } else if ends_sentence(text)
        || text.ends_with(is_closing_mark)
        || (is_column_wide(width, column) && width + INDENT <= column + SLACK)
    {
        1
    } else {
        2
    }
}

/// Cuts `line` into column lines of at most `column` (and [`SLACK`])
/// cells at the fewest single spaces; among those, the cut whose left
/// parts read best ([`left_cost`]), then whose full left parts are
/// closest to `column`.
fn cut(text: &str, line: &Line, column: usize) -> Cut {
    let pieces = &line.pieces;
    if pieces.is_empty() {
        return Cut::Blank;
    }
    let n = pieces.len();
    // best[i]: (cost, parts, distance from `column` of the full left
    // parts, start of the last part) for the first `i` pieces.
    let mut best: Vec<Option<(usize, usize, usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0, 0));
    for i in 1..=n {
        let (mut width, mut inner_seams) = (0, 0);
        // The width of the pieces from `j + 1` on that spaces other than
        // seams join (Latin words: `洲举办的RISC-V Summit`), inside the
        // part, and whether the space after `j + 1` is a seam.
        let (mut words_after, mut seam_after) = (0, true);
        for j in (0..i).rev() {
            let space = j + 1 < i && counts_space(text, &pieces[j..=j + 1]);
            width += pieces[j].1 + usize::from(space);
            if width > column + SLACK {
                break;
            }
            // A space inside the part where columns may meet: CJK on both
            // sides, after a piece as wide as a column's line or a
            // sentence's end (no space follows one inside a column) before
            // words as wide (`元。 北京、广东…`; a byline is narrower).
            if j + 1 < i {
                let seam = is_seam(text, &pieces[j].0, &pieces[j + 1].0);
                words_after = pieces[j + 1].1
                    + if seam_after {
                        0
                    } else {
                        usize::from(counts_space(text, &pieces[j + 1..=j + 2])) + words_after
                    };
                seam_after = seam;
                if seam {
                    let after_end =
                        ends_sentence(&text[pieces[j].0.clone()]) && words_after >= MIN_SEAM_WIDTH;
                    if pieces[j].1 >= MIN_SEAM_WIDTH || after_end {
                        inner_seams += 1;
                    }
                }
            }
            let Some((cost, parts, distance, _)) = best[j] else {
                continue;
            };
            let (more_cost, more_distance) = if i == n {
                (0, 0)
            } else {
                let part = &text[pieces[j].0.start..pieces[i - 1].0.end];
                match left_cost(part, width, column) {
                    0 => (0, width.abs_diff(column)),
                    1 => (0, 0),
                    _ => (2, 0),
                }
            };
            let candidate = (
                cost + more_cost + inner_seams,
                parts + 1,
                distance + more_distance,
                j,
            );
            if best[i].is_none_or(|b| (candidate.0, candidate.1, candidate.2) < (b.0, b.1, b.2)) {
                best[i] = Some(candidate);
            }
        }
    }
    match best[n] {
        // More columns than any page sets apart by one space: a letter-spaced
        // or otherwise spaced line.
        Some((_, parts, ..)) if parts <= MAX_COLUMNS => {}
        _ => return Cut::Wide,
    }
    let mut parts = Vec::new();
    let mut i = n;
    // The pieces of each part.
    let mut part_pieces = Vec::new();
    while i > 0 {
        let (_, _, _, j) = best[i].expect("a part ends at every cut of the best path");
        let range = pieces[j].0.start..pieces[i - 1].0.end;
        let width = pieces[j..i].iter().map(|p| p.1).sum::<usize>()
            + pieces[j..i]
                .windows(2)
                .filter(|w| counts_space(text, w))
                .count();
        part_pieces.push(j..i);
        parts.push((range, width));
        i = j;
    }
    parts.reverse();
    part_pieces.reverse();
    if parts.len() == 1 && !is_full(parts[0].1, column) {
        return Cut::Parts(apart_after_sentences(text, pieces));
    }
    // A part narrower than a column that holds paragraphs' last lines of
    // two columns (`亿元。 9.8%。`, `长。 态。`), each ending a sentence (a
    // byline after the last one stays with it).
    let mut apart_parts = Vec::with_capacity(parts.len());
    for (part, of) in parts.into_iter().zip(part_pieces) {
        let apart = if is_full(part.1, column) {
            Vec::new()
        } else {
            apart_after_sentences(text, &pieces[of])
        };
        if apart.len() > 1 && apart.iter().all(|(r, _)| ends_sentence(&text[r.clone()])) {
            apart_parts.extend(apart);
        } else {
            apart_parts.push(part);
        }
    }
    Cut::Parts(apart_parts)
}

/// A line narrower than a column cut after each piece that ends a
/// sentence or a lead-in ([`ends_paragraph`]): inside a column such a mark
/// is followed by no space (the full-width mark carries its own), so
/// `业先导区。 途下蛋”。` is the last lines of two paragraphs side by side. A full line is left whole (a
/// justified line may show a gap after a mark).
fn apart_after_sentences(
    text: &str,
    pieces: &[(Range<usize>, usize)],
) -> Vec<(Range<usize>, usize)> {
    let mut parts: Vec<(Range<usize>, usize)> = Vec::new();
    let mut open = true;
    for (i, (range, width)) in pieces.iter().enumerate() {
        match parts.last_mut() {
            Some((last, last_width)) if !open => {
                last.end = range.end;
                *last_width += 1 + width;
            }
            _ => parts.push((range.clone(), *width)),
        }
        let after = pieces.get(i + 1).map(|(r, _)| &text[r.clone()]);
        open = ends_paragraph(&text[range.clone()], after);
    }
    parts
}

/// A piece that ends a paragraph's last line, beside the next column's
/// piece `after`: a sentence end, or a colon (a lead-in: `…重点工` /
/// `作：`, before a list) where the piece after it ends a sentence (the
/// other column's last line, not a kicker beside a kicker: `潍坊高新区：
/// 桂林高新区`).
fn ends_paragraph(piece: &str, after: Option<&str>) -> bool {
    ends_sentence(piece) || (piece.ends_with('：') && after.is_some_and(ends_sentence))
}

/// The space between two pieces (ranges of `text`) may be where columns
/// meet: CJK on both sides. A space next to a digit or a Latin letter is
/// the extractor's spacing around numbers and words (`已达 6.8 万余`),
/// which can be cut at but shows no column.
fn is_seam(text: &str, left: &Range<usize>, right: &Range<usize>) -> bool {
    let before = text[left.clone()].chars().next_back();
    let after = text[right.clone()].chars().next();
    before.is_some_and(|c| !c.is_ascii()) && after.is_some_and(|c| !c.is_ascii())
}

/// The space between two pieces (ranges of `text`) has CJK on one side
/// at least, and a number, a Latin word or CJK on the other: where the
/// rows that read as column lines may be cut ([`is_full_row`]). A number's
/// `%` ends it.
fn meets_cjk(text: &str, left: &Range<usize>, right: &Range<usize>) -> bool {
    let before = text[left.clone()].chars().next_back();
    let after = text[right.clone()].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => {
            let word = |c: char| !c.is_ascii() || c.is_ascii_alphanumeric();
            (word(b) || b == '%') && word(a) && !(b.is_ascii() && a.is_ascii())
        }
        _ => false,
    }
}

/// Whether the space between two pieces takes a cell of the line: not
/// beside a piece of one character (a letter-spaced justified line, whose
/// gaps the extractor wrote as spaces: `64197 亿 元 ， 占 全 行 业`).
fn counts_space(text: &str, pair: &[(Range<usize>, usize)]) -> bool {
    let single = |r: &Range<usize>| text[r.clone()].chars().nth(1).is_none();
    !pair.iter().any(|(r, _)| single(r))
}

/// Rows with two parts as wide as a column's line (full or a first line):
/// the page's evidence that the text after the spaces is a column too, not
/// a short piece (a byline, a number's unit).
fn is_double_row(cut: &Cut, column: usize) -> bool {
    matches!(cut, Cut::Parts(parts)
        if parts.iter().filter(|p| is_column_wide(p.1, column)).count() >= 2)
}

/// Rows that read as column lines side by side: cut where CJK meets CJK,
/// or a number or Latin word ([`meets_cjk`]) before a column's line (as
/// wide as one, or ending a sentence: `…上涨 3800只股票上涨。`), or
/// between two full lines (a number may end both, `…2016 落风貌…`); every
/// left part a full line, a paragraph's last line or a first line, and
/// one of them a full line, or every part a full or first line (two
/// paragraphs' first lines side by side). (A number set apart inside a
/// column's line, `已达 6.8 万余`, leaves a left part that is none of
/// these, and a unit after a full line's number, `…2016 万余元`, is no
/// column's line.)
fn is_full_row(text: &str, cut: &Cut, column: usize) -> bool {
    match cut {
        Cut::Parts(parts)
            if parts.len() >= 2
                && parts.windows(2).all(|w| {
                    // Beside a number or a word, the part after the space
                    // is a column's line too: as wide as one, or a
                    // paragraph's end (not a unit: `…2016 万余元`).
                    let column_line = |(range, width): &(Range<usize>, usize)| {
                        is_column_wide(*width, column) || ends_sentence(&text[range.clone()])
                    };
                    is_seam(text, &w[0].0, &w[1].0)
                        || (meets_cjk(text, &w[0].0, &w[1].0) && column_line(&w[1]))
                        || (is_full(w[0].1, column) && is_full(w[1].1, column))
                }) =>
        {
            let costs = parts[..parts.len() - 1]
                .iter()
                .map(|(range, width)| left_cost(&text[range.clone()], *width, column));
            let (mut all_fit, mut any_full) = (true, false);
            for cost in costs {
                all_fit &= cost <= 1;
                any_full |= cost == 0;
            }
            all_fit
                && (any_full
                    || parts.iter().any(|p| is_full(p.1, column))
                    || parts.iter().all(|p| is_column_wide(p.1, column)))
        }
        _ => false,
    }
}

/// A column line that the column's next line goes on from: a full line or
/// a first line, ending no sentence and with no space after one (that is
/// a last line and a byline: `…“好产品”。 记者赵磊`).
fn goes_on(text: &str, part: &(Range<usize>, usize), column: usize) -> bool {
    let line = &text[part.0.clone()];
    is_column_wide(part.1, column)
        && !ends_sentence(line)
        && !line.split(' ').rev().skip(1).any(ends_sentence)
}

/// One part only: a full line, or a first line without its indent.
fn is_column_single(cut: &Cut, column: usize) -> bool {
    matches!(cut, Cut::Parts(parts) if parts.len() == 1 && is_column_wide(parts[0].1, column))
}

/// The rows below a band start with a column's line of running text:
/// with clause marks, or as wide as the column to a cell. Lines without
/// any a few cells narrower (`西安高新区创建国家未来产业先导区`) after a
/// first column that ended its paragraph are the next article's headline.
fn starts_running_text(text: &str, rows: &[Cut], column: usize) -> bool {
    matches!(rows.first(), Some(Cut::Parts(parts)) if parts.len() == 1
        && (parts[0].1 + 1 >= column
            || text[parts[0].0.clone()].contains(RUNNING_MARKS)))
}

/// One part only that is a column's line between rows of columns: full, a
/// first line without its indent, or a paragraph's last line (the other
/// columns have space there, above a subheading).
fn is_column_line(text: &str, cut: &Cut, column: usize) -> bool {
    is_column_single(cut, column)
        || matches!(cut, Cut::Parts(parts) if parts.len() == 1 && ends_sentence(&text[parts[0].0.clone()]))
}

/// The middle of three rows is one part only that ends on a colon, under
/// a row whose first column's line goes on and over a row whose first
/// column's line opens a list item: the last line of a lead-in
/// (`…现将有关事项通告如` / `下：` / `一、管制时间：…`), the other columns
/// having space there. (Not a kicker over the next article's headline,
/// `长治高新区：`.)
fn ends_lead_in(text: &str, rows: &[Cut], column: usize) -> bool {
    let [above, cut, below] = rows else {
        return false;
    };
    matches!(cut, Cut::Parts(parts) if parts.len() == 1 && text[parts[0].0.clone()].ends_with('：'))
        && matches!(above, Cut::Parts(parts) if goes_on(text, &parts[0], column))
        && matches!(below, Cut::Parts(parts) if enumeration(&text[parts[0].0.clone()]).is_some())
}

/// The bands of rows (see the module doc) in `cuts`.
fn find_bands(text: &str, cuts: &[Cut], column: usize) -> Vec<(Range<usize>, usize)> {
    let is_split = |c: &Cut| matches!(c, Cut::Parts(p) if p.len() >= 2);
    let mut bands = Vec::new();
    let (mut splits, mut full, mut double) = (0, 0, 0);
    let mut r = 0;
    while r < cuts.len() {
        if !is_split(&cuts[r]) {
            r += 1;
            continue;
        }
        // A band from `r`: split rows, and between them only a column's
        // lines.
        let start = r;
        let mut last_split = r;
        let mut k = r + 1;
        while k < cuts.len() {
            match &cuts[k] {
                c if is_split(c) => {
                    if (last_split + 1..k).all(|m| {
                        is_column_line(text, &cuts[m], column)
                            || ends_lead_in(text, &cuts[m - 1..=m + 1], column)
                    }) {
                        last_split = k;
                    } else {
                        break;
                    }
                }
                Cut::Parts(_) => {}
                _ => break,
            }
            k += 1;
        }
        // After the last split row, where the other columns have ended:
        // the first column's lines, and its last line if it ends a
        // sentence. (Where one goes on below, the rows below are the next
        // article's headline.)
        let mut end = last_split + 1;
        // The other columns have ended where none of their lines on the
        // last split row goes on, or where the last column's last line
        // ends its paragraph (a column before it that goes on goes on at
        // the top of the next). Where the last split row has fewer parts,
        // the last column ended on the last row that had all of them.
        let parts_of = |m: usize| match &cuts[m] {
            Cut::Parts(parts) => parts.as_slice(),
            _ => &[],
        };
        let columns = (start..=last_split).map(|m| parts_of(m).len()).max();
        let last_column_ended = columns.is_some_and(|columns| {
            (start..=last_split)
                .rev()
                .map(parts_of)
                .find(|parts| parts.len() == columns)
                .is_some_and(|parts| !goes_on(text, &parts[columns - 1], column))
        });
        let others_ended = last_column_ended
            || !parts_of(last_split)[1..]
                .iter()
                .any(|p| goes_on(text, p, column));
        if others_ended {
            // The whole run of single lines when it is the first column's
            // tail that goes on at the top of the next column: its last
            // line goes on, and the page (or a block) ends after it (where
            // more text follows, cut or too wide, the run heads it: the
            // next article's headline).
            let run_end = (end..cuts.len())
                .find(|&m| !matches!(&cuts[m], Cut::Parts(p) if p.len() == 1))
                .unwrap_or(cuts.len());
            let tail_goes_on = run_end > end
                && matches!(&cuts[run_end - 1], Cut::Parts(p) if goes_on(text, &p[0], column))
                && matches!(cuts.get(run_end), None | Some(Cut::Blank | Cut::Barrier));
            if tail_goes_on {
                end = run_end;
            } else if goes_on(text, &parts_of(last_split)[0], column)
                || starts_running_text(text, &cuts[end..], column)
            {
                // The column's lines, and a caption or credit set inside
                // it (a line too wide, a short line) where the column
                // goes on after it; then its last line.
                let last_line = |m: usize| {
                    matches!(cuts.get(m), Some(Cut::Parts(parts))
                        if parts.len() == 1 && ends_sentence(&text[parts[0].0.clone()]))
                };
                loop {
                    while end < cuts.len() && is_column_single(&cuts[end], column) {
                        end += 1;
                    }
                    let float = (end..cuts.len().min(end + MAX_FLOAT_ROWS))
                        .take_while(|&m| match &cuts[m] {
                            Cut::Wide => true,
                            Cut::Parts(parts) => {
                                parts.len() == 1 && is_float_line(&text[parts[0].0.clone()])
                            }
                            _ => false,
                        })
                        .last();
                    // The column goes on after it: running text.
                    let goes_on_after = |m: usize| {
                        matches!(cuts.get(m), Some(Cut::Parts(parts)) if parts.len() == 1
                            && is_column_wide(parts[0].1, column)
                            && text[parts[0].0.clone()].contains(RUNNING_MARKS))
                            || last_line(m)
                    };
                    match float {
                        Some(m) if goes_on_after(m + 1) => end = m + 1,
                        _ => break,
                    }
                }
                if last_line(end) {
                    end += 1;
                }
            }
        }
        let band_full = (start..=last_split)
            .filter(|&m| is_full_row(text, &cuts[m], column))
            .count();
        let band_double = (start..=last_split)
            .filter(|&m| is_double_row(&cuts[m], column))
            .count();
        // One row is no evidence of columns that line up (a line of a
        // page with spaces around its numbers).
        if band_full >= MIN_BAND_ROWS {
            splits += (start..=last_split).filter(|&m| is_split(&cuts[m])).count();
            full += band_full;
            double += band_double;
            bands.push((start..end, last_split + 1));
        }
        r = end.max(last_split + 1);
    }
    // The evidence is the page's: enough rows of full column lines, some
    // with two of them.
    if full >= MIN_SEAM_ROWS && full * 3 >= splits && double >= MIN_BAND_ROWS {
        bands
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spaced_lines() {
        let cases: &[(&str, bool)] = &[
            ("总 体 方 案 和 多 项 关 键 技", true),
            ("2021 年 10 月 ， 航 达 电 子", true),
            // Traps: words apart, names, a line with a stray space.
            ("精准谋划 精细指导", false),
            ("▶ 杨 坤", false),
            ("本报讯 近日，全市", false),
            ("郭海洲 何伟 李思颖 王 明", false),
        ];
        for &(line, expected) in cases {
            assert_eq!(is_letter_spaced(line), expected, "{line:?}");
        }
    }

    #[test]
    fn column_of_a_piece_by_the_words_it_shares() {
        // Columns' texts: a launch report; a market report in two columns
        // (one article); a third text.
        let texts = [
            "新型运载火箭首飞成功，火箭全长五十米。本报讯",
            "股市三大指数集体收涨。本报讯",
            "两市成交额突破万亿元，股市信心恢复。本报讯",
            "博物馆推出互动体验项目。本报讯",
        ];
        let pairs: Vec<FxHashMap<u64, ()>> = texts
            .iter()
            .map(|t| pairs_of(t).into_iter().map(|k| (k, ())).collect())
            .collect();
        let cases: &[(&str, Option<usize>)] = &[
            ("运载火箭首飞", Some(0)),
            ("博物馆的互动", Some(3)),
            // One article's two columns: the first of them.
            ("股市收涨成交", Some(1)),
            // Traps: words every column holds, or none, tell nothing;
            // nor do words as much of two unrelated columns.
            ("本报讯", None),
            ("精准谋划", None),
            ("火箭博物馆", None),
        ];
        for &(piece, expected) in cases {
            assert_eq!(column_of(piece, &pairs), expected, "{piece:?}");
        }
        // Single Han where no pair tells: two at least, of one column.
        let texts = [
            "青石村的游客都不看好民宿。",
            "现将交通管制有关事项通告如下。",
        ];
        let keys: Vec<FxHashMap<u64, ()>> = texts
            .iter()
            .map(|t| {
                pairs_of(t)
                    .into_iter()
                    .chain(han_singles(t))
                    .map(|k| (k, ()))
                    .collect()
            })
            .collect();
        let cases: &[(&str, Option<usize>)] = &[
            ("乡村振兴看变化", Some(0)),
            ("通理管", Some(1)),
            // Traps: one Han is too few; as many of each tell nothing.
            ("乡村振兴", None),
            ("村事变", None),
        ];
        for &(piece, expected) in cases {
            assert_eq!(column_of(piece, &keys), expected, "{piece:?}");
        }
    }

    #[test]
    fn short_lines_apart_after_paragraph_ends() {
        let cases: &[(&str, &[&str])] = &[
            ("业先导区。 途下蛋”。", &["业先导区。", "途下蛋”。"]),
            // A lead-in's last line beside the other column's last line.
            (
                "作： 早于当地正常下班时间。",
                &["作：", "早于当地正常下班时间。"],
            ),
            // Traps: two kickers side by side; a sentence's clause.
            ("潍坊高新区： 桂林高新区", &["潍坊高新区： 桂林高新区"]),
            ("本报讯 近日，全市", &["本报讯 近日，全市"]),
        ];
        for &(line, expected) in cases {
            let measured = measure(line, 0..line.len());
            let parts: Vec<&str> = apart_after_sentences(line, &measured.pieces)
                .into_iter()
                .map(|(r, _)| &line[r])
                .collect();
            assert_eq!(parts, expected, "{line:?}");
        }
    }

    #[test]
    fn rows_cut_before_a_number_read_as_column_lines() {
        // (row, whether it reads as column lines side by side), each cut
        // at the column's width: a full left line, then the next column's
        // line opening with a number (pdfplumber: `…上涨 3800只…`), or a
        // left line ending in one; a word after the space is as good.
        // Traps: a number set apart inside a column's line (`已达 6.8
        // 万余`) leaves a left part that is no column line, and its unit
        // after a full line's number is none either (`…2016 万余元`); two
        // numbers side by side show no CJK at the cut.
        let column_line = "左栏第二行文字内容写满这一行的文字内";
        let column = display_width(column_line);
        let cases: &[(&str, bool)] = &[
            (
                "左栏第二行文字内容写满这一行的文字内 3800只股票上涨。",
                true,
            ),
            (
                "左栏第二行文字内容写满这一行的文字12 右栏段落结束了。",
                true,
            ),
            ("左栏第二行文字内容写满这一行的文字内 iOS版本上线。", true),
            ("左栏第二行文字内容写满这一行的文字内 右栏第一行", true),
            ("左栏共有 12 个项目落地文字内容写满这一", false),
            ("左栏第二行文字内容写满这一行的文2016 万余元", false),
            ("左栏第二行文字内容写满这一行的文字12 3800只股票", false),
        ];
        for &(text, expected) in cases {
            let line = measure(text, 0..text.len());
            let cut = cut(text, &line, column);
            assert_eq!(
                is_full_row(text, &cut, column),
                expected,
                "{text:?}: {cut:?}"
            );
        }
    }

    #[test]
    fn cut_prefers_fewest_parts_then_full_left_parts() {
        let text = "本报讯 近年来，长治高新区围 升级，从新建串焊机模块到调整串";
        let line = measure(text, 0..text.len());
        let column = display_width("升级，从新建串焊机模块到调整串");
        let Cut::Parts(parts) = cut(text, &line, column) else {
            panic!("not cut");
        };
        let parts: Vec<&str> = parts.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(
            parts,
            [
                "本报讯 近年来，长治高新区围",
                "升级，从新建串焊机模块到调整串"
            ]
        );
    }
}
