//! Table tests: whole pages for the hard cases, and one table per signal.

use super::*;
use crate::testing::{check_cases, run_pass};

/// Lines as an extractor that leaves a blank line after every printed line
/// writes them.
fn blank_separated(lines: &[&str]) -> String {
    lines.join("\n\n") + "\n\n"
}

/// One unit per line, as the pass should write them.
fn units(lines: &[&str]) -> String {
    lines.join("\n") + "\n"
}

fn check_owned(cases: &[(String, String)]) {
    let refs: Vec<(&str, &str)> = cases
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    check_cases(&Unwrap, &refs);
}

// A column of 14 characters; first lines are indented by two.
const P1: &[&str] = &[
    "近日，某市高新区发布新一",
    "轮产业发展规划，明确了今后三",
    "年的发展目标和重点任务，涉及",
    // Trap: a full-width line that ends its paragraph (the next is indented).
    "产业、人才、环境等多个方面。",
];
const P1_JOINED: &str =
    "近日，某市高新区发布新一轮产业发展规划，明确了今后三年的发展目标和重点任务，涉及产业、人才、环境等多个方面。";
const P2: &[&str] = &[
    "据介绍，规划提出打造三大",
    "产业集群，培育一批龙头企业，",
    "建设若干创新平台，推动园区经",
    "济高质量发展。",
];
const P2_JOINED: &str =
    "据介绍，规划提出打造三大产业集群，培育一批龙头企业，建设若干创新平台，推动园区经济高质量发展。";
const P3: &[&str] = &[
    "下一步，该高新区将加快项",
    "目落地，持续优化营商环境，为",
    "区域发展注入新动能。",
];
const P3_JOINED: &str = "下一步，该高新区将加快项目落地，持续优化营商环境，为区域发展注入新动能。";

fn column_page(parts: &[&[&str]]) -> String {
    let lines: Vec<&str> = parts.iter().flat_map(|p| p.iter().copied()).collect();
    blank_separated(&lines)
}

#[test]
fn empty_and_trivial_inputs() {
    check_cases(
        &Unwrap,
        &[
            ("", ""),
            ("\n\n\n", ""),
            ("  \n \n", ""),
            ("一行", "一行\n"),
            ("一行\n\n\n", "一行\n"),
            ("\n\n一行。\n\n\n\n二行。", "一行。\n二行。\n"),
        ],
    );
}

#[test]
fn column_pages() {
    check_owned(&[
        // Paragraphs of a column: wraps joined, boundaries where the last line
        // is short or the next line is indented.
        (
            column_page(&[P1, P2, P3]),
            units(&[P1_JOINED, P2_JOINED, P3_JOINED]),
        ),
        // A full-width line ending in `。` followed by a full line: the
        // paragraph goes on (no indent shows a new one).
        (
            column_page(&[
                &["据介绍，规划提出打造三大", "产业集群，培育一批龙头企业。", "建设若干创新平台，推动园区经", "济高质量发展。"],
                P3,
            ]),
            units(&[
                "据介绍，规划提出打造三大产业集群，培育一批龙头企业。建设若干创新平台，推动园区经济高质量发展。",
                P3_JOINED,
            ]),
        ),
        // Spaces around a wrap go (`spacing` would keep them between Han).
        (
            column_page(&[P1, P2]).replacen("新一\n\n", "新一 \n \n", 1),
            units(&[P1_JOINED, P2_JOINED]),
        ),
        // The same page with single newlines (no blank lines at all).
        (
            [P1, P2, P3].concat().join("\n") + "\n",
            units(&[P1_JOINED, P2_JOINED, P3_JOINED]),
        ),
        // A numbered subheading as wide as the column, before a paragraph's
        // first line (narrower by the indent, going on).
        (
            numbered_page(&["一、信息技术服务收入占比过六成"]),
            units(&[
                SECTION_BEFORE_JOINED,
                "一、信息技术服务收入占比过六成",
                SECTION_AFTER_JOINED,
            ]),
        ),
        // A numbered item's first line set in (as wide as a numbered
        // subheading), whose next line opens with the end of its last
        // word (`线，`): no subheading is followed so.
        (
            numbered_page(&["二、请驾驶人提前规划出行路", "线，服从现场交通民警指挥。"]),
            units(&[
                SECTION_BEFORE_JOINED,
                "二、请驾驶人提前规划出行路线，服从现场交通民警指挥。",
                SECTION_AFTER_JOINED,
            ]),
        ),
        // … and one that opens a bracket it does not close (`open-bracket`).
        (
            numbered_page(&["二、管制范围：滨江路（解放", "桥至人民桥段）禁止通行。"]),
            units(&[
                SECTION_BEFORE_JOINED,
                "二、管制范围：滨江路（解放桥至人民桥段）禁止通行。",
                SECTION_AFTER_JOINED,
            ]),
        ),
        // Trap: a numbered subheading as wide, before a paragraph that
        // opens with two letters and a comma (`目前，`).
        (
            numbered_page(&["二、驾驶人提前规划出行路线", "目前，交通民警已经到位。"]),
            units(&[
                SECTION_BEFORE_JOINED,
                "二、驾驶人提前规划出行路线",
                "目前，交通民警已经到位。",
                SECTION_AFTER_JOINED,
            ]),
        ),
        // A paragraph's last line that ends on a colon, short (a lead-in
        // to a list): no headline, and no narrower block.
        (
            column_page(&[P1, &["《措施》明确了以下几项重", "点工作："], P3]),
            units(&[P1_JOINED, "《措施》明确了以下几项重点工作：", P3_JOINED]),
        ),
        // A first line that stops short only because the next line's
        // first word (a Latin name, which no line breaks inside) would not
        // fit in it: it goes on (`prev-full-word`, not `prev-short`).
        (
            column_page(&[
                P1,
                &["最终，冠军则由名将", "Kiprono以2小时11分的", "成绩获得。"],
                P3,
            ]),
            units(&[
                P1_JOINED,
                "最终，冠军则由名将Kiprono以2小时11分的成绩获得。",
                P3_JOINED,
            ]),
        ),
        // A full line that ends a sentence before a line that opens a
        // quotation: a quotation is a paragraph of its own more often
        // than not (`next-quote`).
        (
            column_page(&[
                &[
                    "本报讯 近日，某市高新区发布新",
                    "一轮产业发展规划，明确了今后三年",
                    "的发展目标和重点任务等多个方面。",
                    "“我们将加快推进项目落地。”该区",
                    "负责人说。",
                ],
                P3,
            ]),
            units(&[
                "本报讯 近日，某市高新区发布新一轮产业发展规划，明确了今后三年的发展目标和重点任务等多个方面。",
                "“我们将加快推进项目落地。”该区负责人说。",
                P3_JOINED,
            ]),
        ),
        // Trap: a subheading before a paragraph that opens with a word
        // that would have fit after it.
        (
            column_page(&[P1, &["创新引领发展", "AI赋能千行百业，成效明显。"], P3]),
            units(&[P1_JOINED, "创新引领发展", "AI赋能千行百业，成效明显。", P3_JOINED]),
        ),
        // … and before a numbered item whose first line has none (its
        // last line opens with the end of a word: `start-fragment`).
        (
            column_page(&[
                P1,
                &["《措施》明确了以下几项重", "点工作："],
                &["一、严控新增项目审批和用地指", "标，加快项目落地。"],
                P3,
            ]),
            units(&[
                P1_JOINED,
                "《措施》明确了以下几项重点工作：",
                "一、严控新增项目审批和用地指标，加快项目落地。",
                P3_JOINED,
            ]),
        ),
        // Trap: a kicker ending on a colon over a headline (no punctuation
        // of running text after it) stays a headline, after a line that
        // ends no sentence too.
        (
            column_page(&[
                P1,
                &["咨询时间：工作日上午9时至下午5时", "随州高新区：", "五个项目集中签约"],
                P3,
            ]),
            units(&[
                P1_JOINED,
                "咨询时间：工作日上午9时至下午5时",
                "随州高新区：",
                "五个项目集中签约",
                P3_JOINED,
            ]),
        ),
        // A byline line of roles and names, as wide as the column, between
        // a headline as wide as a first line and a first line that is full
        // and opens no story (no dateline): its own unit.
        (
            column_page(&[
                &["市民读书节今日开幕了", "本报记者 江月 实习生 周晨"],
                &["当天上午，第十二届市民读书", "节在市图书馆开幕，为期一个", "月。"],
                P1,
                P3,
            ]),
            units(&[
                "市民读书节今日开幕了",
                "本报记者 江月 实习生 周晨",
                "当天上午，第十二届市民读书节在市图书馆开幕，为期一个月。",
                P1_JOINED,
                P3_JOINED,
            ]),
        ),
        // A line ending on a closing bracket goes on (`…（GDP）` / `2846.3
        // 亿元，…`): no paragraph ends so.
        (
            column_page(&[
                P1,
                &["据统计，全市地区生产总值", "增长较快，总值（GDP）", "达到2846.3亿元。"],
                P3,
            ]),
            units(&[
                P1_JOINED,
                "据统计，全市地区生产总值增长较快，总值（GDP）达到2846.3亿元。",
                P3_JOINED,
            ]),
        ),
        // Trap: a headline ending on a bracket stays apart.
        (
            column_page(&[P1, &["科技创新系列报道（上）"], P3]),
            units(&[P1_JOINED, "科技创新系列报道（上）", P3_JOINED]),
        ),
        // A story's first line (a dateline), set in, ends a sentence at the
        // margin; the full line after it goes on (a new paragraph's first
        // line would be set in too).
        (
            column_page(&[
                &["本报讯 今天地铁开通。", "该线路全长二十六公里，串联", "起多个客流集中区域。"],
                P1,
                P3,
            ]),
            units(&[
                "本报讯 今天地铁开通。该线路全长二十六公里，串联起多个客流集中区域。",
                P1_JOINED,
                P3_JOINED,
            ]),
        ),
        // Trap: before a line set in, it is a paragraph of one line.
        (
            column_page(&[&["本报讯 今天地铁开通。"], P1, P3]),
            units(&["本报讯 今天地铁开通。", P1_JOINED, P3_JOINED]),
        ),
        // Trap: a lead-in of one line after a sentence end stays apart.
        (
            column_page(&[P1, &["具体措施如下："], P3]),
            units(&[P1_JOINED, "具体措施如下：", P3_JOINED]),
        ),
        // A full line ending on `；` goes on into the sentence's last line:
        // a semicolon ends a clause far more often than a paragraph.
        (
            column_page(&[
                &["据介绍，该区今年新增项目", "三十个，同比增长百分之十二；", "重点项目五个。"],
                P3,
            ]),
            units(&[
                "据介绍，该区今年新增项目三十个，同比增长百分之十二；重点项目五个。",
                P3_JOINED,
            ]),
        ),
        // Trap: items set as paragraphs, each ending on `；`: the next
        // item's first line is indented.
        (
            column_page(&[
                P1,
                &["一是加快推进重点项目建", "设，确保年底前全部开工建设；"],
                &["二是持续优化营商环境，为", "企业发展提供更好的服务。"],
                P3,
            ]),
            units(&[
                P1_JOINED,
                "一是加快推进重点项目建设，确保年底前全部开工建设；",
                "二是持续优化营商环境，为企业发展提供更好的服务。",
                P3_JOINED,
            ]),
        ),
        // Traps: a numbered item's first line as wide as the column goes on
        // into a full line, or into its last line.
        (
            numbered_page(&[
                "一、信息技术服务收入占比过六成",
                "以上，企业数量持续增加，服务收",
                "入稳步增长。",
            ]),
            units(&[
                SECTION_BEFORE_JOINED,
                "一、信息技术服务收入占比过六成以上，企业数量持续增加，服务收入稳步增长。",
                SECTION_AFTER_JOINED,
            ]),
        ),
        (
            numbered_page(&["一、信息技术服务收入占比过六成", "以上，企业数量持续增加。"]),
            units(&[
                SECTION_BEFORE_JOINED,
                "一、信息技术服务收入占比过六成以上，企业数量持续增加。",
                SECTION_AFTER_JOINED,
            ]),
        ),
    ]);
}

/// A column 15 Han wide, first lines set in by two (lost by the
/// extractor), with `numbered` between two paragraphs.
fn numbered_page(numbered: &[&str]) -> String {
    let before = [
        "数据显示，前三季度全国软件",
        "和信息技术服务业规模以上企业超",
        "过3.8万家，累计完成软件业务收入",
        "98452亿元，同比增长11.2%；实现",
        "利润总额11817亿元，同比增长",
        "10.6%。",
    ];
    let after = [
        "分领域看，信息技术服务收入",
        "保持较快增长，前三季度实现收入",
        "64197亿元，占全行业收入的",
        "65.2%。其中，云计算、大数据服务",
        "共实现收入10284亿元，同比增长",
        "12.9%；集成电路设计收入2963亿",
        "元。",
    ];
    [&before[..], numbered, &after[..]].concat().join("\n") + "\n"
}
const SECTION_BEFORE_JOINED: &str = "数据显示，前三季度全国软件和信息技术服务业规模以上企业超过3.8万家，累计完成软件业务收入98452亿元，同比增长11.2%；实现利润总额11817亿元，同比增长10.6%。";
const SECTION_AFTER_JOINED: &str = "分领域看，信息技术服务收入保持较快增长，前三季度实现收入64197亿元，占全行业收入的65.2%。其中，云计算、大数据服务共实现收入10284亿元，同比增长12.9%；集成电路设计收入2963亿元。";

/// Lines as a layout extractor (`pdftotext -layout`, OCR with layout)
/// writes them: single newlines, each paragraph's first line set in by
/// `indent`, a centred headline on top.
fn indented_page(indent: &str, parts: &[&[&str]]) -> String {
    let mut text = "          高新区发展规划出炉\n".to_string();
    for lines in parts {
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                text += indent;
            }
            text += line;
            text.push('\n');
        }
    }
    text
}

// A paragraph with a full line ending in `。` mid-paragraph, then a last line
// about two characters short: its width looks like a first line's.
/// An editorial as plain pdftotext writes a column of it (a page of the
/// layout sweep): no leading spaces, but each paragraph's first line is
/// narrower by the indent the extraction dropped, and the second paragraph's
/// first line ends a sentence right at that width.
const SET_IN_OPENINGS: &[&str] = &[
    "让“口袋公园”装满幸福感",
    "□ 本报评论员 郭峰",
    "近日，我市新建的15个“口袋公园”陆续向市民开",
    "放。这些面积不大的公园，或藏身于老旧小区旁，或镶",
    "嵌在街角巷尾，成为居民家门口的休闲好去处。",
    "建设“口袋公园”，看似小事，实则是民生大事。",
    "与大型公园相比，它们投入少、见效快，更贴近群众日",
    "常生活。一张长椅、几棵树、一片草坪，就能让城市多",
    "一分温度。",
    "当然，建好只是第一步，管好用好更重要。有关部",
    "门应建立长效管护机制，及时听取市民意见，让每一个",
    "“口袋公园”都真正成为群众的“幸福园”。",
];

#[test]
fn paragraphs_open_set_in_where_the_indent_was_dropped() {
    check_owned(&[(
        plain_lines(SET_IN_OPENINGS),
        units(&[
            "让“口袋公园”装满幸福感",
            "□ 本报评论员 郭峰",
            "近日，我市新建的15个“口袋公园”陆续向市民开放。这些面积不大的公园，或藏身于老旧小区旁，或镶嵌在街角巷尾，成为居民家门口的休闲好去处。",
            "建设“口袋公园”，看似小事，实则是民生大事。与大型公园相比，它们投入少、见效快，更贴近群众日常生活。一张长椅、几棵树、一片草坪，就能让城市多一分温度。",
            "当然，建好只是第一步，管好用好更重要。有关部门应建立长效管护机制，及时听取市民意见，让每一个“口袋公园”都真正成为群众的“幸福园”。",
        ]),
    )]);
}

const P4: &[&str] = &[
    "据介绍，规划提出打造三大",
    "产业集群，培育一批龙头企业。",
    "建设若干创新平台促发展。",
];
const P4_JOINED: &str =
    "据介绍，规划提出打造三大产业集群，培育一批龙头企业。建设若干创新平台促发展。";
// A paragraph whose first line is as wide as the column (widths miss its
// indent) after a full line ending in `。`.
const P5: &[&str] = &["其中，首批项目已开工建设，", "预计年底投产。"];
const P5_JOINED: &str = "其中，首批项目已开工建设，预计年底投产。";

#[test]
fn leading_space_indents() {
    let expected = units(&[
        "高新区发展规划出炉",
        P3_JOINED,
        P4_JOINED,
        P1_JOINED,
        P5_JOINED,
        P3_JOINED,
    ]);
    let parts: &[&[&str]] = &[P3, P4, P1, P5, P3];
    let mut cases = vec![];
    // Two spaces (pdftotext), two U+3000 (normalize keeps the count), a tab
    // (normalize makes it one space), four spaces (OCR).
    for indent in ["  ", "\u{3000}\u{3000}", " ", "    "] {
        let mut out = expected.clone();
        // Leading spaces of a unit stay for `spacing`.
        out = out.replacen("高新区发展规划出炉", "          高新区发展规划出炉", 1);
        for joined in [P3_JOINED, P4_JOINED, P1_JOINED, P5_JOINED] {
            out = out.replace(&format!("\n{joined}"), &format!("\n{indent}{joined}"));
        }
        cases.push((indented_page(indent, parts), out));
    }
    check_owned(&cases);

    // Trap: without the indents, the widths take the last line of P4 for a
    // first line (where it fails, see the module doc).
    let flush = indented_page("", parts);
    let out = run_pass(&Unwrap, &flush);
    assert!(out.contains("培育一批龙头企业。\n建设"), "{out}");
}

// A short article in one wide column: each paragraph takes one or two
// lines, so most lines end a sentence, as in a text that is one unit per
// line already; but its paragraphs are set in, and a line set in that
// stops after clause marks goes on at the margin.
const SHORT_ARTICLE: &[&str] = &[
    "  本报讯 日前，市中级人民法院二审维持原判，被告人李某犯诈骗罪，被判处有期徒刑四年",
    "六个月，并处罚金人民币5万元。",
    "  经审理查明，李某冒充网购平台客服，先后骗取12名被害人共计38.6万元。",
    "  法官提醒，正规平台客服不会要求消费者向陌生账户转账。",
];

// A column of short paragraphs set in by two spaces whose last lines all
// come near the column's width: no last line stops short before a first
// line, yet every line set in follows a sentence's end. The last
// paragraph's first line ends a sentence at the margin and goes on flush.
const NEAR_FULL_LAST_LINES: &[&[&str]] = &[
    &[
        "  本报讯（记者 马骏）11月3日10时12",
        "分，新一代中型运载火箭在文昌航天发射场",
        "点火升空，约18分钟后将试验卫星送入预定",
        "轨道，首次飞行试验取得圆满成功。",
    ],
    &[
        "  该型火箭全长50.5米，起飞质量约590",
        "吨，近地轨道运载能力达到14吨，采用液氧",
        "煤油发动机，具备一级子级垂直回收能力。",
    ],
    &[
        "  “这次首飞验证了火箭总体方案和多项",
        "关键技术。”火箭总设计师王海峰介绍，研",
        "制团队用时4年完成了12项重大技术攻关，",
        "发动机推力调节精度优于±1%。",
    ],
    &[
        "  此次发射是我国今年第58次航天发射。",
        "按计划，该型火箭年底前还将执行2次发射",
        "任务，主要用于低轨互联网卫星组网。",
    ],
];

#[test]
fn indents_where_no_last_line_stops_short() {
    let lines: Vec<&str> = NEAR_FULL_LAST_LINES.concat();
    let joined: Vec<String> = NEAR_FULL_LAST_LINES.iter().map(|p| p.concat()).collect();
    let joined: Vec<&str> = joined.iter().map(String::as_str).collect();
    check_owned(&[
        (units(&lines), units(&joined)),
        // Trap: a line set in after a full line without punctuation (which
        // may be running text cut at the column's width) shows no indent.
        // Set in by odd leads after a column split, it goes on.
        (
            units(&[
                "  嘉兴高新区日前印发实",
                "施意见，出聚焦三大产业",
                "集群，打造两个创新高地，",
                "力争三年内产值翻番。",
                "   湖州莫干山高新区十家",
                "企业入选省级专精特新中小",
                " 企业名单。",
            ]),
            units(&[
                "  嘉兴高新区日前印发实施意见，出聚焦三大产业集群，打造两个创新高地，力争三年内产值翻番。",
                "   湖州莫干山高新区十家企业入选省级专精特新中小企业名单。",
            ]),
        ),
    ]);
}

// Short paragraphs in one wide column: more of its lines are first lines
// (set in) than body lines, so the margin is the lead of the lines that go
// on from the line before, not the most common one. A first line as wide
// as the column that ends a sentence goes on at the margin.
const MORE_FIRST_LINES: &[&str] = &[
    "本报记者 何静",
    "  走进市民俗博物馆，老式缝纫机、搪瓷茶缸、黑白电视机……一件件承载着时代印记的老物件静静地陈列在展柜里，",
    "吸引了不少市民驻足观看。",
    "  “这台收音机是我父亲1965年买的，那时候全家人每天晚上都围着它听新闻。”74岁的退休教师吴秀兰指着一台红灯",
    "牌收音机对记者说，“去年我把它捐给了博物馆，让更多的人看到它。”",
    "  据馆长郑国强介绍，博物馆自2019年开馆以来，已累计征集各类民俗藏品1.2万余件，其中约三分之一来自市民捐赠。",
    "馆内设有“衣食住行”“岁时节令”“百工技艺”等6个展厅。",
    "  为了让老物件“活”起来，博物馆还推出了一系列互动体验项目。在“百工技艺”展厅，孩子们可以在非遗传承人的",
    "指导下学习剪纸、捏面人、编草鞋。",
    "  “我们希望通过这些展览和活动，让年轻人了解过去的生活，记住城市的来处。",
    "  “博物馆不应该只是一个存放文物的地方，它更应该是连接过去和未来的桥梁。”郑国强说。",
    "  据悉，今年该馆还将与《城市晚报》合作，推出“我家的老物件”征集活动，并计划在年底前完成数字化展厅建设，",
    "让市民足不出户就能“云逛”博物馆。",
];

#[test]
fn margins_of_pages_with_more_first_lines_than_body_lines() {
    let mut expected: Vec<String> = Vec::new();
    for line in MORE_FIRST_LINES {
        match expected.last_mut() {
            Some(unit) if !line.starts_with(' ') && !line.starts_with("本报记者") => {
                unit.push_str(line)
            }
            _ => expected.push(line.to_string()),
        }
    }
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_eq!(expected.len(), 8);
    // Trap: paragraphs of one line each, all set in, and a subheading at
    // the margin: no line goes on from the one before, so no margin shows
    // and nothing is joined.
    let one_line_paragraphs = units(&[
        "  据介绍，博物馆自2019年开馆以来，已累计征集各类民俗藏品1.2万余件。",
        "  馆内设有“衣食住行”“岁时节令”“百工技艺”等6个展厅。",
        "让老物件活起来",
        "  博物馆还推出了一系列互动体验项目。",
        "  孩子们可以在非遗传承人的指导下学习剪纸、捏面人、编草鞋。",
    ]);
    check_owned(&[
        (units(MORE_FIRST_LINES), units(&expected)),
        (one_line_paragraphs.clone(), one_line_paragraphs),
    ]);
}

#[test]
fn short_articles_whose_paragraphs_are_set_in() {
    let joined = format!("{}{}", SHORT_ARTICLE[0], SHORT_ARTICLE[1]);
    let flush: Vec<&str> = SHORT_ARTICLE.iter().map(|l| l.trim_start()).collect();
    check_owned(&[
        (
            units(SHORT_ARTICLE),
            units(&[&joined, SHORT_ARTICLE[2], SHORT_ARTICLE[3]]),
        ),
        // Without indents the text is one unit per line already, but its
        // first line, running text cut mid-sentence, goes on into running
        // text all the same (`end-word`).
        (
            units(&flush),
            units(&[joined.trim_start(), flush[2], flush[3]]),
        ),
        // Trap: a line set in that ends on a colon is a lead-in to a list.
        (
            units(&[
                "  为保障活动安全有序进行，决定实施临时交通管制，现将有关事项通告如下：",
                "一、管制时间：2024年10月1日18时至23时。",
                "  二、管制范围：滨江路、沿河东路全线禁止机动车通行。",
                "  三、请广大市民提前规划出行路线。",
            ]),
            units(&[
                "  为保障活动安全有序进行，决定实施临时交通管制，现将有关事项通告如下：",
                "一、管制时间：2024年10月1日18时至23时。",
                "  二、管制范围：滨江路、沿河东路全线禁止机动车通行。",
                "  三、请广大市民提前规划出行路线。",
            ]),
        ),
    ]);
}

/// Text in one narrow column, one printed line per line (plain
/// `pdftotext`), no blank lines.
fn plain_lines(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn editorial_notes_and_subtitles_stand_apart() {
    // A headline about as wide as a first line, then an editor's note:
    // `编者按：` opens a paragraph as `据介绍，` does.
    let note = [
        "小区停车难何时能解决",
        "编者按：近期，本报热",
        "线陆续接到多位读者来电，",
        "反映老旧小区停车难问题。",
        "今天我们刊发一封读者来",
        "信，并邀请相关部门作出回",
        "应。",
    ];
    // A headline and its subtitle led by a dash, each about as wide as a
    // first line, then the story.
    let subtitle = [
        "四十年坚守乡村讲台",
        "——记退休教师张桂兰",
        "张桂兰是青山镇中心小学",
        "的一名退休教师。1978年，",
        "20岁的她从师范学校毕业，",
        "主动申请到偏远的山村小学",
        "任教，一干就是四十年。",
    ];
    // Traps: a dash in running text at the column's width goes on, and a
    // label without its colon opens nothing.
    let running = [
        "张桂兰说，当年村里的人们",
        "只有一个朴素而坚定的心愿",
        "——让每一个孩子都能走出大",
        "山，到外面的世界去看一看，",
        "这个心愿如今已经实现。",
    ];
    let no_colon = [
        "本报近期开设了读者来信专",
        "栏，收到来信后，本报的编辑",
        "编者按照读者的意见进行了修",
        "改，并邀请相关部门作出回应。",
    ];
    check_owned(&[
        (
            plain_lines(&note),
            units(&[
                "小区停车难何时能解决",
                "编者按：近期，本报热线陆续接到多位读者来电，反映老旧小区停车难问题。今天我们刊发一封读者来信，并邀请相关部门作出回应。",
            ]),
        ),
        (
            plain_lines(&subtitle),
            units(&[
                "四十年坚守乡村讲台",
                "——记退休教师张桂兰",
                "张桂兰是青山镇中心小学的一名退休教师。1978年，20岁的她从师范学校毕业，主动申请到偏远的山村小学任教，一干就是四十年。",
            ]),
        ),
        (
            plain_lines(&running),
            units(&["张桂兰说，当年村里的人们只有一个朴素而坚定的心愿——让每一个孩子都能走出大山，到外面的世界去看一看，这个心愿如今已经实现。"]),
        ),
        (
            plain_lines(&no_colon),
            units(&["本报近期开设了读者来信专栏，收到来信后，本报的编辑编者按照读者的意见进行了修改，并邀请相关部门作出回应。"]),
        ),
    ]);
}

#[test]
fn headlines_are_never_joined() {
    check_owned(&[
        // A kicker and a headline, then the body after a single newline.
        (
            "随州高新区：\n\n五个项目集中签约\n".to_string() + &column_page(&[P1, P2, P3]),
            units(&[
                "随州高新区：",
                "五个项目集中签约",
                P1_JOINED,
                P2_JOINED,
                P3_JOINED,
            ]),
        ),
        // A doubled (fake-bold) headline that `undouble` has not collapsed.
        (
            "园区热点园区热点\n\n".to_string() + &column_page(&[P1]),
            units(&["园区热点园区热点", P1_JOINED]),
        ),
        // Two-line headlines printed after their articles, single newlines.
        (
            column_page(&[P1, P2])
                + "桂林高新区\n奖励创城文明“记录者”\n\n银川高新区推出四项举措\n稳经济促发展\n",
            units(&[
                P1_JOINED,
                P2_JOINED,
                "桂林高新区",
                "奖励创城文明“记录者”",
                "银川高新区推出四项举措",
                "稳经济促发展",
            ]),
        ),
        // A subheading of two phrases between paragraphs.
        (
            column_page(&[P1, &["优化配置 加强服务保障"], P2]),
            units(&[P1_JOINED, "优化配置 加强服务保障", P2_JOINED]),
        ),
        // A subheading after a paragraph cut off without punctuation.
        (
            column_page(&[&P2[..3], &["以“智”赋能 加速数字蝶变"], P3]),
            units(&[
                "据介绍，规划提出打造三大产业集群，培育一批龙头企业，建设若干创新平台，推动园区经",
                "以“智”赋能 加速数字蝶变",
                P3_JOINED,
            ]),
        ),
        // A two-line headline at the top of a page whose extractor writes
        // single newlines, right before the dateline.
        (
            "湖南省高新区绩效评价结果发布\n长沙、株洲、衡阳高新区位列前三\n科技日报讯（记者俞慧友）近日，\n".to_string()
                + &[P1, P2].concat().join("\n")
                + "\n",
            units(&[
                "湖南省高新区绩效评价结果发布",
                "长沙、株洲、衡阳高新区位列前三",
                &("科技日报讯（记者俞慧友）近日，".to_string() + P1_JOINED),
                P2_JOINED,
            ]),
        ),
        // A subheading on a small page whose width is that of a first line.
        (
            blank_separated(&[
                "本报讯 “我拍的照片也能参展？” 近",
                "日，市民王女士在高新区摄影展现场看到",
                "自己的作品时十分惊喜。",
                "突出“快” 招商引资跑出加速度",
                "招商引资拼的是时间和效率。高新",
                "区各部门积极抢抓机遇，精准对接客商。",
            ]),
            units(&[
                "本报讯 “我拍的照片也能参展？” 近日，市民王女士在高新区摄影展现场看到自己的作品时十分惊喜。",
                "突出“快” 招商引资跑出加速度",
                "招商引资拼的是时间和效率。高新区各部门积极抢抓机遇，精准对接客商。",
            ]),
        ),
        // A series of subheadings that open alike, each as wide as a first
        // line (no shape evidence of its own), after a sentence end.
        (
            column_page(&[
                P1,
                &["突出“快”招商引资跑出速度"],
                &[
                    "招商引资拼的是速度，各相",
                    "关部门积极抢抓机遇，突出聚焦",
                    "重点产业和重点企业，开展多种",
                    "形式招商行动。",
                ],
                &["突出“新”招商引资引来凤凰"],
                &[
                    "聚焦绿色低碳，着力打造有",
                    "影响力、有支撑力的产业集群，",
                    "针对企业诉求积极协调，能给尽",
                    "给，能帮尽帮。",
                ],
                &["突出“实”招商引资产生效益"],
                &[
                    "抓实项目这个关键核心，落",
                    "实项目需求，压实项目责任，强",
                    "化部门协同配合，推动项目落地",
                    "落实。",
                ],
            ]),
            units(&[
                P1_JOINED,
                "突出“快”招商引资跑出速度",
                "招商引资拼的是速度，各相关部门积极抢抓机遇，突出聚焦重点产业和重点企业，开展多种形式招商行动。",
                "突出“新”招商引资引来凤凰",
                "聚焦绿色低碳，着力打造有影响力、有支撑力的产业集群，针对企业诉求积极协调，能给尽给，能帮尽帮。",
                "突出“实”招商引资产生效益",
                "抓实项目这个关键核心，落实项目需求，压实项目责任，强化部门协同配合，推动项目落地落实。",
            ]),
        ),
        // Trap: three paragraphs whose first lines open alike without
        // punctuation go on into full lines.
        (
            column_page(&[
                &["该项目总投资十五亿元主要", "建设电池生产线和储能电站，", "年内投产。"],
                &["该项目投产后年产值可达百", "亿元，带动上下游企业集聚发展", "。"],
                &["该项目建成后将带动就业超", "过一千人，成为园区新的增长点", "。"],
            ]),
            units(&[
                "该项目总投资十五亿元主要建设电池生产线和储能电站，年内投产。",
                "该项目投产后年产值可达百亿元，带动上下游企业集聚发展。",
                "该项目建成后将带动就业超过一千人，成为园区新的增长点。",
            ]),
        ),
        // Byline lines with a marker, a name line, a dateline after a single
        // newline with a leading space.
        (
            column_page(&[P1, &["▶ 杨 坤"], P2, &["叶炼青"]]) + " 本报讯 近日，某区",
            units(&[
                P1_JOINED,
                "▶ 杨 坤",
                P2_JOINED,
                "叶炼青",
                " 本报讯 近日，某区",
            ]),
        ),
        // Subheadings over paragraphs whose first lines are flush and full,
        // near the top of a page: too few lines around the first ones agree
        // on a column, so each is measured against the next line's.
        (BRIEFS.join("\n") + "\n", units(BRIEFS_UNITS)),
        // Trap: a dateline measured so goes on into its story.
        (
            BRIEFS.join("\n").replace("高新区新增3家独角兽企业\n", "本报讯（记者 刘洋）\n") + "\n",
            units(
                &[
                    &["要闻简报", &format!("本报讯（记者 刘洋）{}", BRIEFS_UNITS[2])],
                    &BRIEFS_UNITS[3..],
                ]
                .concat(),
            ),
        ),
    ]);
}

/// [`BRIEFS`] as the pass writes it.
const BRIEFS_UNITS: &[&str] = &[
    "要闻简报",
    "高新区新增3家独角兽企业",
    "日前，记者从高新区管委会获悉，今年以来园区新增独角兽企业共3家，涉及人工智能、生物医药等领域。",
    "人才公寓项目开工建设",
    "5月8日，高新区人才公寓项目正式开工建设，总投资9.6亿元，建成后可提供房源2000套，预计2026年交付。",
    "科技金融服务中心揭牌",
    "近日，市科技金融服务中心揭牌成立，首批入驻银行、担保等机构15家。",
    "技术合同成交额创新高",
    "一季度，全市技术合同成交额达到86.2亿元，同比增长31%，创历年同期新高。",
];

/// A column of briefs, one newline after every line: a subheading and a
/// paragraph of two lines each, the first as wide as the column or a
/// character or two short (a number or a word that did not fit).
const BRIEFS: &[&str] = &[
    "要闻简报",
    "高新区新增3家独角兽企业",
    "日前，记者从高新区管委会获悉，今年以来园区新增独角兽企业",
    "共3家，涉及人工智能、生物医药等领域。",
    "人才公寓项目开工建设",
    "5月8日，高新区人才公寓项目正式开工建设，总投资9.6亿元，",
    "建成后可提供房源2000套，预计2026年交付。",
    "科技金融服务中心揭牌",
    "近日，市科技金融服务中心揭牌成立，首批入驻银行、担保",
    "等机构15家。",
    "技术合同成交额创新高",
    "一季度，全市技术合同成交额达到86.2亿元，同比增长31%，创",
    "历年同期新高。",
];

// Trap: a paragraph that goes on after a full line ending in `。`.
const P6: &[&str] = &[
    "近日，某市高新区发布新一",
    "轮产业发展规划，明确了今后三",
    "年的发展目标和重点任务内容。",
];
const P6_JOINED: &str =
    "近日，某市高新区发布新一轮产业发展规划，明确了今后三年的发展目标和重点任务内容。";

#[test]
fn wraps_with_layout_noise() {
    check_owned(&[
        // A letter-spaced first line (a justified short line).
        (
            column_page(&[
                &[
                    "西 安 高 新 区 相 关 负 责 人 表 示 ， 作",
                    "为国家硬科技创新示范区，西安",
                ],
                &P2[1..],
            ]),
            units(&[
                &("西 安 高 新 区 相 关 负 责 人 表 示 ， 作为国家硬科技创新示范区，西安"
                    .to_string()
                    + &P2[1..].concat()),
            ]),
        ),
        // A number at the line end, its unit on the next line after a single
        // newline; a short line that does not end its paragraph.
        (
            column_page(&[&["据介绍，签约项目总投资约 60"]])
                .trim_end()
                .to_string()
                + "\n亿元，分两期建设，设备投资约\n\n40亿元，主要建设储能电池。\n\n"
                + &column_page(&[P3]),
            units(&[
                "据介绍，签约项目总投资约 60亿元，分两期建设，设备投资约40亿元，主要建设储能电池。",
                P3_JOINED,
            ]),
        ),
        // `numbers` joined a number wrap before this pass: the line is two
        // printed lines long, not a wider block. Its first printed line is
        // full, so the full line ending in `。` before it goes on.
        (
            column_page(&[
                P2,
                P6,
                &["上述两个项目总投资共计约为50亿元，产值达到近百亿元。"],
                P3,
            ]),
            units(&[
                P2_JOINED,
                &(P6_JOINED.to_string() + "上述两个项目总投资共计约为50亿元，产值达到近百亿元。"),
                P3_JOINED,
            ]),
        ),
        // … and where the wrap came after a magnitude (`…约为5万` / `亩，…`).
        (
            column_page(&[
                P2,
                P6,
                &["上述项目计划播种面积约为5万亩，产值达到近百亿元。"],
                P3,
            ]),
            units(&[
                P2_JOINED,
                &(P6_JOINED.to_string() + "上述项目计划播种面积约为5万亩，产值达到近百亿元。"),
                P3_JOINED,
            ]),
        ),
        // Trap: wide lines with numbers elsewhere are a wider block.
        (
            column_page(&[
                P2,
                P6,
                &[
                    "上述两个项目在2023年总投资共计约为五十亿元，产值达到近百亿元。",
                    "另外三个项目在2024年总投资共计约为二十亿元，产值达到近五十亿元。",
                ],
            ]),
            units(&[
                P2_JOINED,
                P6_JOINED,
                "上述两个项目在2023年总投资共计约为五十亿元，产值达到近百亿元。",
                "另外三个项目在2024年总投资共计约为二十亿元，产值达到近五十亿元。",
            ]),
        ),
        // A Latin word at the line end: one space between the two letters.
        (
            column_page(&[
                &[
                    "据介绍，该项目采用 Open",
                    "Source 方案，推动园区经济高",
                    "质量发展。",
                ],
                P3,
            ]),
            units(&[
                "据介绍，该项目采用 Open Source 方案，推动园区经济高质量发展。",
                P3_JOINED,
            ]),
        ),
        // Characters that never end or start a line.
        (
            column_page(&[
                P1,
                &[
                    "据介绍，规划提出打造“",
                    "三大产业集群”，培育一批龙头",
                    "，企业建设若干创新平台。",
                ],
                P3,
            ]),
            units(&[
                P1_JOINED,
                "据介绍，规划提出打造“三大产业集群”，培育一批龙头，企业建设若干创新平台。",
                P3_JOINED,
            ]),
        ),
    ]);
}

// Lines that are already whole paragraphs (004): only mid-sentence breaks are
// joined.
const WHOLE_1: &str = "6月28日，秦创原高新技术产业高质量发展大会在西安高新国际会议中心开幕。开幕式上，总投资114.7亿元的10个秦创原系列项目签约。";
const WHOLE_2A: &str =
    "授牌仪式上，西安电子谷、硬科技企业社区等项目被授予主体联动平台；陕西半导体先导技术中";
const WHOLE_2B: &str = "心、交叉信息核心技术研究院等项目分别被授予成果转化平台。";
const WHOLE_3A: &str =
    "当天的主论坛活动上，与会专家学者、企业家、投资机构代表通过视频连线、现场演讲等方";
const WHOLE_3B: &str = "式开展深入交流，携手探索秦创原创新驱动平台建设新路径，提出建议、分享观点。";

#[test]
fn whole_paragraph_lines() {
    check_owned(&[
        (
            blank_separated(&[
                "以高水平科技自立自强谱写高质量发展新篇章",
                "▶ 本报特约通讯员 杨皓 张静攀",
                WHOLE_1,
                WHOLE_2A,
                WHOLE_2B,
                "举办六场高质量论坛活动",
                "聚焦绿色低碳，着力打造有影响力、有",
                "支撑力的绿色产业集群，发挥“花香蝶自来”的吸引方式，为会议中心带来新方式。",
            ]),
            units(&[
                "以高水平科技自立自强谱写高质量发展新篇章",
                "▶ 本报特约通讯员 杨皓 张静攀",
                WHOLE_1,
                &(WHOLE_2A.to_string() + WHOLE_2B),
                "举办六场高质量论坛活动",
                "聚焦绿色低碳，着力打造有影响力、有支撑力的绿色产业集群，发挥“花香蝶自来”的吸引方式，为会议中心带来新方式。",
            ]),
        ),
        // A paragraph cut off at the end of the page, then a credit.
        (
            blank_separated(&[WHOLE_1, "近日，清远高新区举行项目集中签约仪式，同时还", "张海鹏/摄"]),
            units(&[WHOLE_1, "近日，清远高新区举行项目集中签约仪式，同时还", "张海鹏/摄"]),
        ),
    ]);
}

#[test]
fn ocr_readings_of_marks() {
    check_cases(
        &Unwrap,
        &[
            // RapidOCR reads a small `。` as `°` now and then: the
            // paragraph ends there all the same.
            (
                "今年前10个月，两个中试平台累计服务企业132家\n次，帮助企业缩短研发周期平均6个月以上°\n业内专家认为，打通科技成果转化的堵点卡点，需\n要政府、高校、企业和金融机构形成合力，持续优化\n创新生态，让更多“金点子”转化为“好产品”。\n",
                "今年前10个月，两个中试平台累计服务企业132家次，帮助企业缩短研发周期平均6个月以上°\n业内专家认为，打通科技成果转化的堵点卡点，需要政府、高校、企业和金融机构形成合力，持续优化创新生态，让更多“金点子”转化为“好产品”。\n",
            ),
            // RapidOCR's `丶` for `、` and `·` for `。` on a paragraph's last
            // line, and `······` for `……`: the short lines are no
            // headlines, the paragraphs go on into them and end there.
            (
                "长治高新区：\n创新链赋能产业链发展活力持续进发\n本报讯近年来，长治高新区围绕产业链布局创新\n链，创新能力和创新活跃度显著提升，为区域经济发\n展丶产业实力提升注入新活力·\n中科潞安在深紫外LED领域达到行业领先水平，古巴\n分子免疫学（长治）研发中心丶久安人工心脏等国际科\n技合作项目加速推进，山西省光伏制造中试基地等一批\n高水平科技创新平台相继建成······\n近日，山西安太阳能科技有限责任公司成功完成\n78版型太阳能电池组件产线的升级改造工作，并顺利进\n入量产阶段。\n",
                "长治高新区：\n创新链赋能产业链发展活力持续进发\n本报讯近年来，长治高新区围绕产业链布局创新链，创新能力和创新活跃度显著提升，为区域经济发展丶产业实力提升注入新活力·\n中科潞安在深紫外LED领域达到行业领先水平，古巴分子免疫学（长治）研发中心丶久安人工心脏等国际科技合作项目加速推进，山西省光伏制造中试基地等一批高水平科技创新平台相继建成······\n近日，山西安太阳能科技有限责任公司成功完成78版型太阳能电池组件产线的升级改造工作，并顺利进入量产阶段。\n",
            ),
            // RapidOCR's `;` for `；` after a CJK character: a forecast's
            // items stay one to a line.
            (
                "本报讯记者从市气象台获悉，受强冷空气影响，11月22日至25日我市将出现\n大风降温天气，过程降温幅度8℃～10℃，局部地区可达12℃。具体预报如下:\n22日：阴转小雨，偏北风5～6级，阵风7级，气温4℃～11℃;\n23日：小雨转雨夹雪，偏北风4～5级，气温-1℃～5℃;\n24日至25日：晴到多云，气温-5℃～3℃，早晨有霜冻。\n",
                "本报讯记者从市气象台获悉，受强冷空气影响，11月22日至25日我市将出现大风降温天气，过程降温幅度8℃～10℃，局部地区可达12℃。具体预报如下:\n22日：阴转小雨，偏北风5～6级，阵风7级，气温4℃～11℃;\n23日：小雨转雨夹雪，偏北风4～5级，气温-1℃～5℃;\n24日至25日：晴到多云，气温-5℃～3℃，早晨有霜冻。\n",
            ),
            // RapidOCR dropped the `。` after a paragraph's last number:
            // the line of it alone is the paragraph's end, no headline
            // (a page of the layout sweep).
            (
                concat!(
                    "新华社北京10月24日电（记者王晓东陈静）工业和信息化部24日发布数据显示，今年前三季度，我\n",
                    "国软件和信息技术服务业运行态势良好，软件业务收入稳步增长，利润总额保持两位数增长，软件业务出\n",
                    "口降幅收窄。\n",
                    "数据显示，前三季度全国软件和信息技术服务业规模以上企业超过3.8万家，累计完成软件业务收入\n",
                    "98452亿元，同比增长11.2%；实现利润总额11817亿元，同比增长10.6%。\n",
                    "一、信息技术服务收入占比过六成\n",
                    "分领域看，信息技术服务收入保持较快增长，前三季度实现收入64197亿元，占全行业收入的65.2%°\n",
                    "其中，云计算丶大数据服务共实现收入10284亿元，同比增长12.9%；集成电路设计收入2963亿元。\n",
                    "业内人士表示，随着AI大模型加速落地，行业应用软件需求持续释放，工业软件、嵌入式系统软件等\n",
                    "细分领域有望保持较快增长。\n",
                    "二、东部地区保持领先\n",
                    "分地区看，东部地区完成软件业务收入81295亿元，同比增长11.5%，占全国软件业务收入的比重为\n",
                    "82.6%。中部和西部地区分别完成软件业务收入5421亿元和9672亿元，增速分别为13.1%和9.8%。\n",
                    "北京丶广东丶江苏丶山东丶浙江、上海六省市软件业务收入位居全国前列，合计占全国比重达到\n",
                    "70.4%\n",
                ),
                concat!(
                    "新华社北京10月24日电（记者王晓东陈静）工业和信息化部24日发布数据显示，今年前三季度，我国软件和信息技术服务业运行态势良好，软件业务收入稳步增长，利润总额保持两位数增长，软件业务出口降幅收窄。\n",
                    "数据显示，前三季度全国软件和信息技术服务业规模以上企业超过3.8万家，累计完成软件业务收入98452亿元，同比增长11.2%；实现利润总额11817亿元，同比增长10.6%。\n",
                    "一、信息技术服务收入占比过六成\n",
                    "分领域看，信息技术服务收入保持较快增长，前三季度实现收入64197亿元，占全行业收入的65.2%°其中，云计算丶大数据服务共实现收入10284亿元，同比增长12.9%；集成电路设计收入2963亿元。\n",
                    "业内人士表示，随着AI大模型加速落地，行业应用软件需求持续释放，工业软件、嵌入式系统软件等细分领域有望保持较快增长。\n",
                    "二、东部地区保持领先\n",
                    "分地区看，东部地区完成软件业务收入81295亿元，同比增长11.5%，占全国软件业务收入的比重为82.6%。中部和西部地区分别完成软件业务收入5421亿元和9672亿元，增速分别为13.1%和9.8%。\n",
                    "北京丶广东丶江苏丶山东丶浙江、上海六省市软件业务收入位居全国前列，合计占全国比重达到70.4%\n",
                ),
            ),
            // Traps: a degree after a number goes on, and so does a
            // foreign name split after its `·` (no sentence end here: an
            // OCR's `·` for `。` is read so only between its columns).
            (
                "今年前10个月，两个中试平台的气温保持在20°\n左右，帮助企业缩短研发周期平均6个月以上。\n",
                "今年前10个月，两个中试平台的气温保持在20°左右，帮助企业缩短研发周期平均6个月以上。\n",
            ),
            (
                "今年前10个月，两个中试平台累计服务企业132家\n次，帮助企业缩短研发周期平均6个月以上。美国专家约翰·\n史密斯认为，打通科技成果转化的堵点卡点，需要\n政府、高校、企业和金融机构形成合力，持续优化创\n新生态，让更多“金点子”转化为“好产品”。\n",
                "今年前10个月，两个中试平台累计服务企业132家次，帮助企业缩短研发周期平均6个月以上。美国专家约翰·史密斯认为，打通科技成果转化的堵点卡点，需要政府、高校、企业和金融机构形成合力，持续优化创新生态，让更多“金点子”转化为“好产品”。\n",
            ),
        ],
    );
}

/// Rows of a table stand alone: each ends in a number without
/// punctuation, which reads as a wrap (and `20` / `3` as a number split).
#[test]
fn table_rows_stand_alone() {
    let league = [
        "中超积分榜",
        "名次  球队  场次  积分",
        "1  北京国安    10  6  3  1  18:7   21",
        "2  上海海港    10  6  2  2  20:10  20",
        "3  山东泰山    10  5  3  2  15:9   18",
    ];
    let stocks = [
        "工商银行        5.12     +0.03     0.59%     1,234,567",
        "建设银行        6.88     -0.12     -1.71%    987,654",
        "农业银行        3.95     +0.01     0.25%     2,345,678",
    ];
    // As the pipeline leaves a table: one space per gap.
    let cleaned = [
        "工商银行5.12 +0.03 0.59% 1,234,567",
        "建设银行6.88 -0.12 -1.71% 987,654",
    ];
    let paragraph = "本轮比赛结束后，北京国安以 21 分继续领跑积分榜。";
    check_owned(&[
        (blank_separated(&league), units(&league)),
        (league.join("\n") + "\n", units(&league)),
        (blank_separated(&stocks), units(&stocks)),
        (units(&cleaned), units(&cleaned)),
        // The paragraph after the table starts on a line of its own.
        (
            blank_separated(&[league[2], league[3], paragraph]),
            units(&[league[2], league[3], paragraph]),
        ),
    ]);
    // Traps: lines of running text with numbers set apart, one row-shaped
    // line alone. They wrap as before.
    check_owned(&[
        (
            blank_separated(&[
                "截至目前，全区规上企业达 1 234",
                "家，营业收入 5 678 亿元。",
            ]),
            units(&["截至目前，全区规上企业达 1 234家，营业收入 5 678 亿元。"]),
        ),
        (
            blank_separated(&["今年以来，全区规上企业总数 1 234 567", "家企业营收同比增长"]),
            units(&["今年以来，全区规上企业总数 1 234 567家企业营收同比增长"]),
        ),
    ]);
}

#[test]
fn floats_move_after_their_paragraph() {
    check_owned(&[
        // A credit inside a paragraph goes after it, unchanged.
        (
            WHOLE_1.to_string() + "\n\n" + WHOLE_3A + "\n\n\n\n图片来源:西安高新区\n\n" + WHOLE_3B + "\n\n" + WHOLE_1,
            units(&[WHOLE_1, &(WHOLE_3A.to_string() + WHOLE_3B), "图片来源:西安高新区", WHOLE_1]),
        ),
        // At the end of the text.
        (
            WHOLE_3A.to_string() + "\n\n图片来源：西安高新区\n\n" + WHOLE_3B,
            units(&[&(WHOLE_3A.to_string() + WHOLE_3B), "图片来源：西安高新区"]),
        ),
        // Trap: a credit between two paragraphs stays where it is.
        (
            blank_separated(&[WHOLE_1, "图片来源：西安高新区", WHOLE_1]),
            units(&[WHOLE_1, "图片来源：西安高新区", WHOLE_1]),
        ),
        // Trap: a caption that wraps is one paragraph; a caption line after it
        // is its own line.
        (
            "炎炎夏日，热浪来袭。近日，郑州高新区总工会联\n合会开展慰问活动，为户外工作者送上消暑物资。图\n为慰问活动现场。\n左图：选手在舞台上深情演讲。\n".to_string(),
            units(&[
                "炎炎夏日，热浪来袭。近日，郑州高新区总工会联合会开展慰问活动，为户外工作者送上消暑物资。图为慰问活动现场。",
                "左图：选手在舞台上深情演讲。",
            ]),
        ),
    ]);
}

#[test]
fn joins_keep_only_a_space_between_latin_letters() {
    check_cases(
        &Unwrap,
        &[
            // Spaces around the break go, whatever the characters.
            (
                "总投资约 60 \n \n亿元，分期建设。\n",
                "总投资约 60亿元，分期建设。\n",
            ),
            // Leading spaces of a new unit stay for `spacing`.
            (
                "发展。\n\n 本报讯 近日，某区。\n",
                "发展。\n 本报讯 近日，某区。\n",
            ),
        ],
    );
}

/// The signals that scored break `k` of `input`.
fn signals(input: &str, k: usize) -> Vec<&'static str> {
    let explain = Config {
        explain: true,
        ..Config::default()
    };
    let (page, _) = Page::analyze(input, &explain);
    page.verdicts[k]
        .signals
        .iter()
        .map(|(name, _)| *name)
        .collect()
}

/// `first` and `second`, then paragraphs of one line each: a text that is
/// one unit per line already, without a column.
fn one_line_paragraphs(first: &str, second: &str) -> String {
    format!(
        "{first}\n{second}\n经审理查明，李某冒充网购平台客服，先后骗取12名被害人共计38.6万元。\n\
         法官提醒，正规平台客服不会要求消费者向陌生账户转账，接到此类电话应及时核实。\n\
         市民可拨打热线电话咨询。\n"
    )
}

#[test]
fn each_signal_fires_where_it_should() {
    let column = column_page(&[P1, P2, P3]);
    let whole = blank_separated(&[
        WHOLE_1,
        WHOLE_2A,
        WHOLE_2B,
        "举办六场高质量论坛活动",
        WHOLE_1,
    ]);
    let caption_wraps = column.clone() + "图为活动现场一角，选手们正\n\n在比赛。\n";
    let caption_ends = column.clone() + "图为活动现场。\n\n甲。\n";
    // A centred headline, then P3, P4, P1, P5, P3 with first lines set in
    // (break 1 is inside P3, 3 starts P4, 5 is before P4's last line).
    let parts: &[&[&str]] = &[P3, P4, P1, P5, P3];
    let indented = indented_page("  ", parts);
    let flush = indented_page("", parts);
    // A numbered item's first line as wide as a first line, without
    // punctuation of running text, then its rest (break 4), set in or not.
    let item: &[&[&str]] = &[
        P3,
        &["一、管制时间：十月一日晚", "八时至十一时禁止通行。"],
        P1,
    ];
    let item_set_in = indented_page("  ", item);
    let item_flush = indented_page("", item);
    // A story's first line under its byline, as wide as a first line and
    // ending a sentence, before a full line (break 1); the same line after
    // a paragraph's end is a one-line paragraph as often.
    let story: &[&str] = &[
        "今天是第二十九个读书日。",
        "当天上午，第十二届市民读书节",
        "在市图书馆开幕，为期一个月的",
        "读书节将举办讲座、市集、亲子",
        "共读等各类活动。",
    ];
    let after_byline = column_page(&[&["本报记者 江月 实习生 周晨"], story, P1, P2]);
    let set_in_openings = plain_lines(SET_IN_OPENINGS);
    let flush_opening =
        set_in_openings.replace("当然，建好只是第一步，", "当然，公园建好只是第一步，");
    let quoted_term = column_page(&[
        P1,
        &["据介绍，园区新认定“小巨人”", "企业12家，均居全省前列。"],
        P3,
    ]);
    let quotation_ends = column_page(&[
        P1,
        &["他说：“一定要办好这件事。”", "企业12家，均居全省前列。"],
        P3,
    ]);
    let quoted_headline = column_page(&[P1, &["让“口袋公园”", "企业12家，均居全省前列。"], P3]);
    let bare_quantity = column_page(&[P1, &["产值占全省比重提高到", "70.4%"], P3]);

    let after_paragraph = column_page(&[P3, story, P1, P2]);
    // Paragraphs set apart by blank lines, wrapped inside: the blank line is
    // a separator. (Break 3 is after the subheading, 5 inside P2.)
    let blank_set = [
        P3.join("\n"),
        "二、东部地区保持领先".to_string(),
        P2.join("\n"),
        P3.join("\n"),
        P1.join("\n"),
        P3.join("\n"),
    ]
    .join("\n\n")
        + "\n";
    // The same with one blank line inside a paragraph (OCR and pdfminer
    // split a paragraph into blocks now and then): still a separator.
    let blank_stray = blank_set.replacen(
        "产业集群，培育一批龙头企业，\n",
        "产业集群，培育一批龙头企业，\n\n",
        1,
    );
    // … and with a byline line above and a second stray blank line: the
    // byline is a unit too (six of eight blank lines after a unit).
    let blank_byline = "本报记者 王欣 通讯员 李明\n\n".to_string()
        + &blank_stray.replacen("明确了今后三\n", "明确了今后三\n\n", 1);
    // … and with blank lines inside most paragraphs (pdftotext's new
    // blocks at column breaks): no longer a separator.
    let blank_inside = blank_stray.replace(
        "目落地，持续优化营商环境，为\n",
        "目落地，持续优化营商环境，为\n\n",
    );
    // A short dateline line in a column goes on; another short line ends.
    let dateline_alone = column_page(&[P1, &["本报讯（记者 李）"], P3]);
    let name_alone = column_page(&[P1, &["记者 李争粉"], P3]);
    let cases: &[(&str, usize, &str, bool)] = &[
        // (page, break, signal, present)
        (&blank_set, 3, "blank-separator", true),
        (&blank_set, 5, "blank-separator", false),
        (&blank_stray, 3, "blank-separator", true),
        (&blank_byline, 3, "blank-separator", true),
        (&blank_inside, 3, "blank-separator", false),
        (&column, 3, "end-sentence", true),
        (&column, 0, "end-sentence", false),
        (&column, 1, "end-word", true),
        (&column, 5, "end-clause", true),
        (&column, 0, "prev-first", true),
        (&column, 1, "prev-full", true),
        (&column, 7, "prev-short", true),
        // A story's first line goes on however short.
        (&dateline_alone, 4, "prev-short", false),
        (&name_alone, 4, "prev-short", true),
        (&column, 3, "next-indent", true),
        (&column, 1, "next-full", true),
        (&column, 2, "next-indent", false),
        (&whole, 1, "bigram", true),
        (&whole, 0, "bigram", false),
        (&whole, 2, "next-headline", true),
        (&whole, 3, "prev-headline", true),
        // A numbered line set in by the indent before a line at the
        // margin is an item's full first line; at the margin it may be a
        // subheading as wide as a first line.
        // A line of running text ending on a quoted term goes on (break
        // 4); a quotation's sentence end, a headline's quoted term and a
        // text one unit per line already do not say so.
        (&quoted_term, 4, "end-quoted-term", true),
        (&quoted_term, 4, "end-word", false),
        (&quotation_ends, 4, "end-quoted-term", false),
        (&quotation_ends, 4, "end-sentence", true),
        (&quoted_headline, 4, "end-quoted-term", false),
        (&one_line_paragraphs("为科研项目提供优质的“生长土壤”", "如今，园区已经形成主导产业集群。"), 0, "end-quoted-term", false),
        // A number with a point or a percent sign alone on a line ends
        // the sentence wrapped before it (an OCR lost its mark); a bare
        // integer may be a page's folio and is left as before.
        (&bare_quantity, 4, "next-headline", false),
        (&bare_quantity, 4, "next-narrow", true),
        // A full line after a sentence's end, where the column's
        // paragraphs open narrower by a dropped indent, opens none (break
        // 5); not where a paragraph opens at the margin after a short line.
        (&set_in_openings, 5, "next-not-first", true),
        (&flush_opening, 5, "next-not-first", false),
        (&flush_opening, 5, "next-full", true),
        (&after_byline, 1, "prev-first-full", true),
        (&after_paragraph, 3, "prev-first-full", false),
        (&item_set_in, 4, "prev-headline", false),
        (&item_flush, 4, "prev-headline", true),
        ("总投资约 60\n亿元。\n", 0, "alnum-wrap", true),
        ("采用 LED\n灯具。\n", 0, "alnum-wrap", true),
        ("打造“\n三大产业集群”。\n", 0, "end-open", true),
        ("龙头企业\n，建设平台。\n", 0, "start-close", true),
        // A range's wave dash stays with the number before it.
        ("晴到多云，气温-5℃\n～3℃，早晨有霜冻。\n", 0, "start-close", true),
        ("规划出行路\n线，服从指挥。\n", 0, "start-fragment", true),
        ("滨江路（解放桥至人民\n\n桥段）禁止通行。\n", 0, "open-bracket", true),
        // A bracket closed from the line before, then one opened.
        ("解放桥段）至（人民\n\n桥段）禁止通行。\n", 0, "open-bracket", true),
        // Traps: a bracket closed on the line, one that ends it (`end-open`),
        // a sentence end inside.
        ("滨江路（解放桥）至人民\n\n桥段禁止通行。\n", 0, "open-bracket", false),
        ("滨江路至人民桥（\n\n桥段）禁止通行。\n", 0, "open-bracket", false),
        ("滨江路（解放桥至人民。\n\n桥段）禁止通行。\n", 0, "open-bracket", false),
        // A byline or a marked item after running text or a headline.
        ("   第十二届市民读书节开幕\n本报记者 江月 实习生 周晨\n", 0, "text-before-marker", true),
        ("加快推进项目建设，\n▶ 持续优化营商环境\n", 0, "text-before-marker", true),
        // Traps: a byline wrapped onto a second byline line, a dateline.
        ("本报记者 张三 李四\n记者 王五 赵六\n", 0, "text-before-marker", false),
        ("本报讯\n记者 李争粉\n", 0, "text-before-marker", false),
        // A time or number at the line's end, the end of its range opening
        // the next.
        ("  一、管制时间：2024年10月1日18时\n至23时。\n", 0, "range-end", true),
        ("活动时间为3月1日\n到5日，每天开放。\n", 0, "range-end", true),
        ("车速不超过60\n至80公里。\n", 0, "range-end", true),
        // Traps: no number before the unit, no digit after `至`, a
        // sentence's end before a paragraph that opens with a time.
        ("全市共有十八个\n至今仍在使用。\n", 0, "range-end", false),
        ("会议于3日召开\n至此结束。\n", 0, "range-end", false),
        ("记者从市气象台获悉。\n至2025年底，全市将建成。\n", 0, "range-end", false),
        // A date at the line's end, a smaller unit of it opening the next.
        ("  一、管制时间：2024年10月1日\n\n18时至23时。\n", 0, "date-goes-on", true),
        ("会议定于2024年\n10月15日召开。\n", 0, "date-goes-on", true),
        ("首班车于每天6时\n30分发车。\n", 0, "date-goes-on", true),
        // Traps: a unit as large (two dates), a number without its unit, a
        // line ending on a number only, a unit that is no date's.
        ("2023年产值为5亿元，2024年\n2025年将再翻一番。\n", 0, "date-goes-on", false),
        ("会议于10月1日\n18名代表出席。\n", 0, "date-goes-on", false),
        ("共计2024\n10月完工。\n", 0, "date-goes-on", false),
        ("全长26公里\n3分钟一班。\n", 0, "date-goes-on", false),
        // A bracket left open, closed by the next line before any other:
        // even after a short line shaped like a headline (an item).
        (
            "  二、管制范围：滨江路（解放桥至人民桥\n段）、沿河东路全线禁止机动车通行。\n",
            0,
            "bracket-closes",
            true,
        ),
        ("记者从《关于推进高新区\n高质量发展的意见》中获悉。\n", 0, "bracket-closes", true),
        // Traps: the bracket closed on its line, an item's label that a
        // closing bracket ends, another bracket opened first, a closer of
        // another kind, a line that ends in punctuation.
        ("滨江路（解放桥）至人民\n桥段）禁止通行。\n", 0, "bracket-closes", false),
        ("主要任务（共三项\n1）建设平台。\n", 0, "bracket-closes", false),
        ("主要任务（共三项\n一）建设平台。\n", 0, "bracket-closes", false),
        ("滨江路（解放桥至\n（人民桥）段禁止通行。\n", 0, "bracket-closes", false),
        ("走访《城市记忆\n展览）开幕。\n", 0, "bracket-closes", false),
        ("滨江路（解放桥至人民桥。\n段）禁止通行。\n", 0, "bracket-closes", false),
        // Traps: a speaker's label, an item's number, a sentence end.
        ("记者\n问：你们有什么打算？\n", 0, "start-fragment", false),
        ("主要任务\n一、建设平台。\n", 0, "start-fragment", false),
        ("规划出行路线。\n线，服从指挥。\n", 0, "start-fragment", false),
        (
            "他说：“工人增加到了200多人。\n我们正倒排工期。”\n",
            0,
            "open-quote",
            true,
        ),
        (
            "他说：“工人增加到了200多人。”\n我们正倒排工期。\n",
            0,
            "open-quote",
            false,
        ),
        // An OCR's `“““` for `……` opens no quotation.
        (
            "他说：“精细调整..“““.每一项都做到。”\n我们正倒排工期。\n",
            0,
            "open-quote",
            false,
        ),
        ("甲。\n\n乙。\n\n丙。\n\n丁\n戊。\n", 3, "odd-single", true),
        (
            "甲。\n\n乙。\n\n丙。\n\n丁。\n\n戊。\n",
            3,
            "odd-single",
            false,
        ),
        ("甲。\n\n 本报讯 乙。\n", 0, "lead-space", true),
        // Leading spaces where the block indents first lines by them.
        (&indented, 0, "lead-indent", true),
        (&indented, 0, "prev-lead-space", true),
        (&indented, 3, "lead-indent", true),
        (&indented, 3, "lead-space", false),
        (&indented, 1, "lead-flush", true),
        (&indented, 5, "lead-flush", true),
        (&indented, 2, "lead-indent", false),
        // … where they do, a line at the margin is no first line whatever
        // its width.
        (&indented, 5, "next-indent", false),
        (&flush, 5, "next-indent", true),
        // Trap: no lead style without leading spaces, nor from a stray one.
        (&flush, 3, "lead-indent", false),
        (&flush, 1, "lead-flush", false),
        (
            "发展。\n 本报讯 近日，某区\n发布规划。\n",
            1,
            "prev-lead-space",
            false,
        ),
        ("甲。\n\n 本报讯 乙。\n", 0, "lead-indent", false),
        ("甲。\n\n本报讯 乙。\n", 0, "dateline", true),
        ("科技日报讯（记者）\n乙。\n", 0, "dateline", false),
        (
            "甲。\n\n新华社北京10月24日电（记者王晓东）乙。\n",
            0,
            "dateline",
            true,
        ),
        // Headline lines above a line that opens a story or a paragraph.
        (
            "布局“六大领域”\n西安高新区创建先导区\n近日，《方案》发布。\n",
            0,
            "next-article-head",
            true,
        ),
        (
            "布局“六大领域”\n西安高新区创建先导区\n近日，《方案》发布。\n",
            1,
            "prev-article-head",
            true,
        ),
        (
            "布局“六大领域”\n西安高新区创建先导区\n近日，《方案》发布。\n",
            1,
            "next-opener",
            true,
        ),
        // Traps: a paragraph's last line, or one that stops on a
        // preposition or a colon, ends the walk back, and the lines after
        // a dateline are its paragraph, its sentence end lost or not …
        ("将于\n近日，正式开放。\n", 0, "prev-article-head", false),
        (
            "本报讯 我拍的照片获奖了\n市民说。作为10名获奖市民之一\n领取了“文明优秀作品奖”\n据介绍，活动启动。\n",
            0,
            "prev-article-head",
            false,
        ),
        (
            "本报讯 我拍的照片获奖了\n市民说。作为10名获奖市民之一\n领取了“文明优秀作品奖”\n据介绍，活动启动。\n",
            1,
            "prev-article-head",
            false,
        ),
        // … and so are more lines than a head block has, two of them
        // running text (their sentence ends lost: an OCR's `°`) …
        (
            "照片，在文明随手拍线上活动获奖了，好多市民为\n我的照片点赞°桂林市民韦女士说°作为10名获\n奖市民之一，近日，她参加了桂林高新区七星区\n“创城在路上发掘七星美”文明随手拍活动，在颁\n奖现场领取了“文明优秀作品奖”\n据介绍，活动启动。\n",
            3,
            "prev-article-head",
            false,
        ),
        // … while five lines of headline still head (the four nearest).
        (
            "引题一行\n主标题第一行\n主标题第二行\n副题一行\n本报记者 张三\n据介绍，活动启动。\n",
            3,
            "prev-article-head",
            true,
        ),
        // … and without a dateline above them such lines still head.
        (
            "市民说。作为10名获奖市民之一\n领取了“文明优秀作品奖”\n据介绍，活动启动。\n",
            1,
            "prev-article-head",
            true,
        ),
        (
            "人工心脏等\n国际合作加速推进……：\n\n近日，正式开放。\n",
            0,
            "prev-article-head",
            false,
        ),
        (
            "甲乙发展。\n近日，《方案》发布。\n",
            0,
            "prev-article-head",
            false,
        ),
        // A verb of saying goes on from its speaker on the line before.
        (
            "模式等进行深入探讨和交流。\n\n清华大学未来实验室主任徐迎庆\n\n表示，未来设计创新中心将聚焦。\n",
            1,
            "next-speech",
            true,
        ),
        ("主任張三\n\n認為，乙。\n", 0, "next-speech", true),
        ("甲。\n\n表示，乙。\n", 0, "next-speech", false),
        ("主任张三\n\n表示赞同。\n", 0, "next-speech", false),
        // A quotation's speaker after it goes on in its paragraph.
        ("“甲。”\n\n郑国强说。\n", 0, "quote-speaker", true),
        ("“甲！”\n\n林浩说，公司乙。\n", 0, "quote-speaker", true),
        ("“甲。”\n\n北汽福田潍坊厂区相关负责人刘耀杰说。\n", 0, "quote-speaker", true),
        ("“甲。”\n\n他表示：乙。\n", 0, "quote-speaker", true),
        ("“甲。”\n\n彼得·基普罗诺說。\n", 0, "quote-speaker", true),
        // Traps: a source opens a paragraph (`据…介绍`); a quotation that
        // ends no sentence; no quotation; a verb without a speaker, or
        // without punctuation after it; punctuation in the speaker.
        ("“甲。”\n\n据馆长郑国强介绍，乙。\n", 0, "quote-speaker", false),
        ("“甲。”\n\n據館長鄭國強介紹，乙。\n", 0, "quote-speaker", false),
        ("“甲”\n\n郑国强说。\n", 0, "quote-speaker", false),
        ("甲。\n\n郑国强说。\n", 0, "quote-speaker", false),
        ("“甲。”\n\n说，乙。\n", 0, "quote-speaker", false),
        ("“甲。”\n\n郑国强说起往事。\n", 0, "quote-speaker", false),
        ("“甲。”\n\n乙、郑国强说。\n", 0, "quote-speaker", false),
        // An interview's turns: a speaker's label after a sentence end.
        ("哪些新项目？\n\n刘云：我们新开设了展区。\n", 0, "next-label", true),
        ("甲。\n\n记者：乙？\n", 0, "next-label", true),
        ("甲。\n\n主持人：乙。\n", 0, "next-label", true),
        // Traps: a verb of saying, a word a colon follows inside a
        // paragraph, a longer phrase, no sentence end before.
        ("甲。\n\n他说：“乙。”\n", 0, "next-label", false),
        ("甲。\n\n其中：小麦28万亩。\n", 0, "next-label", false),
        ("甲。\n\n县农业农村局局长：乙。\n", 0, "next-label", false),
        ("甲，\n\n刘云：乙。\n", 0, "next-label", false),
        // Reported speech after a sentence end opens a paragraph.
        ("甲。\n\n业内专家认为，乙。\n", 0, "next-source", true),
        ("甲。\n\n市住建局相关负责人表示，乙。\n", 0, "next-source", true),
        ("甲。\n\n分析人士認爲，乙。\n", 0, "next-source", true),
        // Traps: quoted speech goes on (`她说：“…”`); after a quotation the
        // speaker is its attribution; no sentence end before; a source.
        ("甲。\n\n她说：“乙。”\n", 0, "next-source", false),
        ("“甲。”\n\n郑国强表示，乙。\n", 0, "next-source", false),
        ("甲，\n\n专家认为，乙。\n", 0, "next-source", false),
        ("甲。\n\n据专家介绍，乙。\n", 0, "next-source", false),
        // A schedule's or forecast's items, one to a line: a time label
        // after a lead-in's colon, an item's `；` or a sentence end.
        ("具体预报如下：\n22日：阴转小雨；\n", 0, "next-time-label", true),
        ("22日：阴转小雨；\n23日：小雨转雨夹雪；\n", 0, "next-time-label", true),
        ("气温-1℃～5℃；\n24日至25日：晴到多云。\n", 0, "next-time-label", true),
        ("安排如下：\n8时-12时：报到。\n", 0, "next-time-label", true),
        // Traps: a date that opens a sentence has no colon; a number that
        // is no date or time; a clause before.
        ("甲。\n4月20日，大赛启动。\n", 0, "next-time-label", false),
        ("甲：\n2024年10月1日18时至23时。\n", 0, "next-time-label", false),
        ("甲：\n3个项目：乙。\n", 0, "next-time-label", false),
        ("甲，\n22日：阴。\n", 0, "next-time-label", false),
        // Phrases that open news paragraphs, after a sentence end.
        ("甲。\n\n据介绍，乙。\n", 0, "next-opener", true),
        ("甲。\n\n近年来，乙。\n", 0, "next-opener", true),
        ("甲。\n\n據介紹，乙。\n", 0, "next-opener", true),
        ("甲。\n\n同时，乙。\n", 0, "next-opener", false),
        ("甲在\n\n近年来，乙。\n", 0, "next-opener", false),
        // A paragraph cut off (its sentence end lost) before an opener.
        ("领取了“文明优秀作品奖”\n据介绍，活动启动。\n", 0, "next-opener", true),
        ("高新区发布首个信创产业\n据了解，首批清单。\n", 0, "next-opener", true),
        // A quotation opened after a sentence end: mostly a paragraph of
        // its own. Traps: after a line that ends no sentence, a term in
        // quotes (`“十四五”`) goes on.
        ("甲。\n\n“我们对整条生产线进行了改造。”\n", 0, "next-quote", true),
        ("甲。\n\n「我們對整條生產線進行了改造。」\n", 0, "next-quote", true),
        ("会议指出\n\n“十四五”期间要加快发展。\n", 0, "next-quote", false),
        ("甲，\n\n“十四五”期间要加快发展。\n", 0, "next-quote", false),
        // A brief's headline as wide as its lead's lines (`日前，`).
        ("我市新增5家省级重点实验室\n日前，省科技厅公布。\n", 0, "next-opener", true),
        // Traps: a dateline goes on, and so does a clause.
        ("本报讯（记者 李争粉）\n近日，在大会上。\n", 0, "next-opener", false),
        ("科技日报讯\n近日，在大会上。\n", 0, "next-opener", false),
        ("本报讯 记者 李争粉\n近日，在大会上。\n", 0, "next-opener", false),
        // … but a whole first paragraph cut off does not.
        (
            "本报讯 我拍的照片在文明随手拍活动获奖了，在颁奖现场领取了“文明优秀作\n据介绍，活动启动。\n",
            0,
            "next-opener",
            true,
        ),
        ("取得新进展，\n据悉，园区于2007年设立。\n", 0, "next-opener", false),
        // A time phrase and `，` after a line cut off: a brief's headline
        // before its lead (a date, a named time, a period of a year).
        ("首届青年创新创业大赛启动\n4月20日，大赛启动。\n", 0, "next-time-opener", true),
        ("知识产权质押融资突破10亿元\n一季度，全市融资。\n", 0, "next-time-opener", true),
        ("科技特派员服务乡村振兴\n今年，我市选派。\n", 0, "next-time-opener", true),
        ("加快硬科技示范区建设\n2024年5月29日，乙。\n", 0, "next-time-opener", true),
        ("园区企业加快数字化转型\n今年上半年，乙。\n", 0, "next-time-opener", true),
        ("園區企業加快數字化轉型\n當天下午，乙。\n", 0, "next-time-opener", true),
        ("全县调运化肥4.2万吨\n3月份以来，乙。\n", 0, "next-time-opener", true),
        // Traps: a word that takes the time before it (`到`, `自`, `于`),
        // part of a time, a dateline; a sentence end (sentences inside a
        // paragraph open so as often); no `，` after the time; no time.
        ("提出到\n2026年，园区人工智能。\n", 0, "next-time-opener", false),
        ("拉萨高新区。自\n2016年以来，乙。\n", 0, "next-time-opener", false),
        ("获悉，今年\n上半年，全市产业。\n", 0, "next-time-opener", false),
        ("大会于\n4月20日，在北京举行。\n", 0, "next-time-opener", false),
        ("本报讯\n6月12日，清华研究院。\n", 0, "next-time-opener", false),
        ("甲完成了任务。\n今年，乙。\n", 0, "next-time-opener", false),
        ("首届青年创新创业大赛启动\n4月20日举行。\n", 0, "next-time-opener", false),
        ("首届青年创新创业大赛启动\n4个组别，乙。\n", 0, "next-time-opener", false),
        ("首届青年创新创业大赛启动\n今年的大赛，乙。\n", 0, "next-time-opener", false),
        ("甲。\n\n据介绍乙。\n", 0, "next-opener", false),
        // The angle figures are read from (`分领域看，`) opens a paragraph,
        // after a numbered subheading too.
        (
            "一、信息技术服务收入占比过六成\n分领域看，信息技术服务收入保持较快\n",
            0,
            "next-opener",
            true,
        ),
        ("增长11.2%。\n从板块看，半导体涨幅居前。\n", 0, "next-opener", true),
        ("我们要\n从长远看问题。\n", 0, "next-opener", false),
        // A lead-in announcing a list before its first item.
        ("具体预报如下：\n22日：阴转小雨，偏北风5～6级。\n", 0, "as-follows", true),
        ("现将有关事项通告如下：\n一、管制时间：十月一日。\n", 0, "as-follows", true),
        // Traps: no item after it, no `如下` before the colon.
        ("他的意见如下：\n我们认为应当如此。\n", 0, "as-follows", false),
        ("具体预报为：\n22日：阴转小雨，偏北风5～6级。\n", 0, "as-follows", false),
        // Numbered sections and items start after a sentence or a colon.
        (
            "甲。\n\n（二）中试平台跨越“死亡之谷”\n",
            0,
            "next-enumeration",
            true,
        ),
        (
            "主要措施：\n\n一、加强组织领导\n",
            0,
            "next-enumeration",
            true,
        ),
        (
            "主要包括加强组织；\n\n（二）完善工作机制；\n",
            0,
            "next-enumeration",
            false,
        ),
        ("总投资约\n\n1.5亿元。\n", 0, "next-enumeration", false),
        ("甲\n\n图片来源：乙\n", 0, "next-caption", true),
        ("▶ 杨 坤\n\n乙。\n", 0, "prev-marker", true),
        (
            "发展。\n\n精准谋划 精细指导\n\n乙。\n",
            0,
            "next-phrases",
            true,
        ),
        (
            "甲。\n\n\n\n乙。\n\n丙。\n\n丁。\n",
            0,
            "extra-blanks",
            true,
        ),
        (
            "促进了高校院所与\n385家企业签约。\n",
            0,
            "end-function-word",
            true,
        ),
        // `至` ends a range that goes on (`18时至` / `23时。`); trap: the
        // solar terms `冬至`, `夏至` end a headline.
        (
            "一、管制时间：2024年10月1日18时至\n23时。\n",
            0,
            "end-function-word",
            true,
        ),
        ("今日冬至\n北方吃饺子。\n", 0, "end-function-word", false),
        ("夏至\n白昼最长。\n", 0, "end-function-word", false),
        (
            "着力打造有影响力、有\n支撑力的产业集群。\n",
            0,
            "end-fragment",
            true,
        ),
        (
            "着力打造有影响力、支撑起\n强大的产业集群。\n",
            0,
            "end-fragment",
            false,
        ),
        (&column, 7, "next-narrow", false),
        (&caption_wraps, 11, "prev-caption", false),
        (&caption_ends, 11, "prev-caption", true),
        // A text that is one unit per line already: no `end-word`.
        (
            "发展。\n突出“快”招商引资跑出加速度\n招商引资拼的是时间和效率。\n",
            1,
            "end-word",
            false,
        ),
        (
            "发展\n\n突出“快”招商引资跑出加速度\n\n招商引资拼的是时间和效率。\n",
            1,
            "end-word",
            true,
        ),
        // ... but for running text (a comma or a sentence's end inside)
        // before running text: a paragraph cut where the page was narrow.
        (&one_line_paragraphs("被告人李某犯诈骗罪，被判处有期徒刑四年", "六个月，并处罚金人民币5万元。"), 0, "end-word", true),
        // Traps: a headline whose only mark is `、`, a line of running text
        // before a headline or an item.
        (&one_line_paragraphs("长沙、株洲、衡阳高新区位列前三", "六个月，并处罚金人民币5万元。"), 0, "end-word", false),
        (&one_line_paragraphs("被告人李某犯诈骗罪，被判处有期徒刑四年", "相关部门回应"), 0, "end-word", false),
        (&one_line_paragraphs("被告人李某犯诈骗罪，被判处有期徒刑四年", "（三）物价水平总体稳定。"), 0, "end-word", false),
    ];
    let mut failures = Vec::new();
    for (i, &(page, k, signal, present)) in cases.iter().enumerate() {
        let found = signals(page, k);
        if found.contains(&signal) != present {
            failures.push(format!(
                "case {i}: break {k} of {page:?}: expected {signal} {}, got {found:?}",
                if present { "present" } else { "absent" }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn settling_sees_the_output_as_the_pipeline_leaves_it() {
    // Whole paragraphs of about one width, the last ending in a byline.
    // Without `bylines` in the settling view, `spacing` glued the byline to
    // the sentence end (`融资。何昶 周芳`); that line no longer ended a
    // sentence, the lines looked like a column, and settling joined the
    // paragraphs.
    let paragraphs = [
        "聚焦未来信息方向，高新区将以科学园为承载核心，重点发展光子、类脑智能、大模型等重点领域，稳步推进各类创新平台“沿途下蛋”。",
        "聚焦未来智造方向，高新区将以产业园为智能制造承载、软件城为数字赋能承载，重点推进智能制造、人形机器人等领域，创建“灯塔工厂”。",
        "提升未来产业金融支撑。高新区计划每年列支专项资金，设立未来产业引导基金，加快对优质项目投资，支持有条件的企业上市融资。      何昶 周芳",
    ];
    let input = units(&paragraphs);
    check_cases(&Unwrap, &[(&input, &input)]);
}

#[test]
fn break_keys_skip_whitespace() {
    let text = "甲 乙\n  丙\n\n丁戊\n";
    let lines = lines::split(text);
    assert_eq!(break_keys(&lines), vec![2, 3]);
    // The same breaks once spaces and blank lines are gone.
    let trimmed = "甲乙\n丙\n丁戊\n";
    assert_eq!(break_keys(&lines::split(trimmed)), vec![2, 3]);
    // The lines' own counts add up to the characters before each break,
    // whatever whitespace stands around and between them.
    let text = "\u{3000}甲 乙\u{a0}\n\u{85}\n\r\n \u{2028}x \u{b}\n\n  丙“丁”，\t\n戊";
    let lines = lines::split(text);
    let before = |at: usize| text[..at].chars().filter(|c| !c.is_whitespace()).count();
    let expected: Vec<usize> = lines[1..]
        .iter()
        .map(|l| before(l.span_in(text).start))
        .collect();
    assert_eq!(break_keys(&lines), expected);
}

#[test]
fn notes_only_when_explaining() {
    let input = column_page(&[P1, P2]);
    let mut out = PassOutput::default();
    Unwrap.run(&input, &Config::default(), &mut out);
    assert!(out.notes.is_empty());
    let config = Config {
        explain: true,
        ..Config::default()
    };
    let mut out = PassOutput::default();
    Unwrap.run(&input, &config, &mut out);
    assert_eq!(out.notes.len(), P1.len() + P2.len() - 1);
    assert!(
        out.notes[0].message.starts_with("join"),
        "{}",
        out.notes[0].message
    );
    assert!(
        out.notes[3].message.starts_with("break"),
        "{}",
        out.notes[3].message
    );
    assert!(out.notes[3].message.contains("end-sentence"));
}

#[test]
fn never_panics_on_odd_input() {
    for input in [
        "\u{3000}\n\u{3000}",
        "。\n，\n“\n”\n",
        "a\nb\nc\nd\ne\nf\ng\n",
        "图片来源：甲\n图片来源：乙\n",
        "甲\n图片来源：乙\n图片来源：丙\n丁\n",
        "\r\n\r\n",
        "😀\n\n😀😀",
    ] {
        let _ = run_pass(&Unwrap, input);
    }
}

/// Settling reports what it cannot settle, so that the pipeline runs again.
#[test]
fn unsettled_output_is_reported() {
    // The float is kept in place in an early round (the output would join
    // it to `年获此，潍`); once `錺，成为获此` and `年获此` are joined, the
    // output would lift it instead, but its breaks are pinned (fuzz
    // finding, shrunk).
    let (_, settled) = Page::analyze(
        "錺，成为获此\n年获此\n图片来源近年\n，潍",
        &Config::default(),
    );
    assert!(!settled);
    // Trap: ordinary wrapped text settles.
    let (_, settled) = Page::analyze(
        "本报讯 某区今年\n\n投资达到十亿元。\n\n图片来源：某区\n",
        &Config::default(),
    );
    assert!(settled);
}

/// The later passes' edits tell which Han they put side by side: the view
/// after them counts its pairs from the direct view's and these.
#[test]
fn later_passes_report_the_han_pairs_they_join() {
    use super::layout::bigram_key;
    // `spacing` undoes letter-spacing: seven pairs meet, one twice.
    let output = "园 区 热 点 园 区 动 态\n";
    let view = as_later_passes_leave(output, &Config::default());
    assert_eq!(view.text(output), "园区热点园区动态\n");
    let joins = view.joins.expect("only spaces removed");
    let mut pairs: Vec<u64> = joins.keys().copied().collect();
    pairs.sort_unstable();
    let mut expected: Vec<u64> = ["园区", "区热", "热点", "点园", "区动", "动态"]
        .iter()
        .map(|p| {
            let mut c = p.chars();
            bigram_key(c.next().unwrap(), c.next().unwrap())
        })
        .collect();
    expected.sort_unstable();
    assert_eq!(pairs, expected);
    assert_eq!(joins[&bigram_key('园', '区')], 2);
    // Trap: widened punctuation and a byline put on its own line part no
    // pair and join none.
    let output = "发展,推进。 何昶 周芳\n";
    let view = as_later_passes_leave(output, &Config::default());
    assert_eq!(view.text(output), "发展，推进。\n何昶 周芳\n");
    assert_eq!(view.joins.map(|j| j.len()), Some(0));
}

#[test]
fn settling_hands_the_later_passes_runs_over_its_output_to_the_pipeline() {
    // `spacing` removes the space, `punct` widens the comma, `bylines` has
    // nothing to do: the pipeline takes all three runs.
    let input = "他说 ,今年\n\n的投资 增加了。\n";
    let mut out = PassOutput::default();
    Unwrap.run(input, &Config::default(), &mut out);
    crate::edit::sort(&mut out.edits);
    let output = crate::edit::apply(input, &out.edits).unwrap();
    assert_eq!(output, "他说 ,今年的投资 增加了。\n");
    let ahead = out.ran_ahead.expect("settling ran the later passes");
    assert_eq!(ahead.input, output);
    let passes: Vec<&str> = ahead.stages.iter().map(|s| s.pass).collect();
    assert_eq!(passes, ["bylines", "spacing", "punct"]);
    // Each stage is that pass run over the text the stage before left.
    let mut text = output;
    for stage in &ahead.stages {
        let pass = crate::passes::all()
            .into_iter()
            .find(|p| p.name() == stage.pass)
            .unwrap();
        let next = run_pass(pass.as_ref(), &text);
        assert_eq!(
            stage.next.as_deref().unwrap_or(&text),
            next,
            "{}",
            stage.pass
        );
        text = next;
    }
    assert_eq!(ahead.stages[0].next, None, "no byline");
    assert!(text.starts_with("他说，今年"), "{text:?}");
}

#[test]
fn parallel_heads_are_one_articles_series() {
    // Three lines that open with `突出` after sentence ends, `gap` lines of
    // running text apart; a fourth that opens otherwise.
    let page = |gap: usize| {
        let mut page = Vec::new();
        for head in [
            "突出快字跑出加速度",
            "突出新字引来金凤凰",
            "聚焦实字产生大效益",
            "突出实字产生大效益",
        ] {
            page.push("这一段到此结束。");
            page.push(head);
            page.extend(std::iter::repeat_n("文字内容写满这一行，", gap));
        }
        units(&page)
    };
    let heads = |input: &str| -> Vec<usize> {
        let lines = lines::split(input);
        let flags = parallel_heads(&lines);
        (0..lines.len())
            .filter(|&k| flags.get(k) == Some(&true))
            .collect()
    };
    let near = page(20);
    assert_eq!(heads(&near), vec![1, 23, 67], "{near}");
    // A whole issue's lines that happen to open alike are no series.
    assert_eq!(heads(&page(70)), Vec::<usize>::new());
}

#[test]
fn columns_of_short_paragraphs_are_measured_at_their_full_lines() {
    // Pages of the layout sweep (plain `pdftotext`, two columns read one
    // after the other), cleaned by the whole pipeline.
    let pages = [
        // Paragraphs of two or three lines: first lines (narrower by the
        // indent), last lines and the headlines outnumber the full lines
        // around most lines. The column is the full lines' width, so a
        // full line ending `。` before a first line ends its paragraph
        // (`…编草鞋。` / `“我们希望…`).
        (
            include_str!("testdata/short-paragraphs-plain.raw.txt"),
            include_str!("testdata/short-paragraphs-plain.expected.txt"),
        ),
        // Trap: lines with many quotation marks are narrower in the tight
        // convention, and the first lines and running lines that go on
        // cluster there; none is a last line or a headline, so the
        // narrower cluster stays the column (`…成为“科创中国”` goes on).
        (
            include_str!("testdata/quoted-names-plain.raw.txt"),
            include_str!("testdata/quoted-names-plain.expected.txt"),
        ),
    ];
    assert_pages_clean(&pages);
}

/// Cleans each `(raw, expected)` page with the whole pipeline; a page that
/// differs prints the diff.
fn assert_pages_clean(pages: &[(&str, &str)]) {
    for &(raw, expected) in pages {
        let cleaned = crate::clean_text(raw).expect("clean");
        assert!(
            cleaned == expected,
            "{}",
            similar::TextDiff::from_lines(expected, cleaned.as_str())
                .unified_diff()
                .header("expected", "cleaned")
        );
    }
}

#[test]
fn brief_headlines_before_a_lead_that_opens_with_a_time() {
    // Pages of the layout sweep, cleaned by the whole pipeline.
    assert_pages_clean(&[
        // A column of briefs without first-line indents (pdfplumber's text
        // and PyMuPDF's sorted text, three columns): each brief's headline
        // is as wide as a first line, and its lead opens with a time
        // (`4月20日，`, `今年，`, `一季度，`): `next-time-opener`.
        (
            include_str!("testdata/briefs-three-columns-plumber.raw.txt"),
            include_str!("testdata/briefs-three-columns-plumber.expected.txt"),
        ),
        (
            include_str!("testdata/briefs-three-columns-pymupdf-sorted.raw.txt"),
            include_str!("testdata/briefs-three-columns-pymupdf-sorted.expected.txt"),
        ),
    ]);
}

#[test]
fn unbreakable_heads_of_lines() {
    let loose = Column {
        width: 40,
        tight: false,
    };
    let tight = Column {
        tight: true,
        ..loose
    };
    // (line, cells loose, cells tight)
    let cases: &[(&str, usize, usize)] = &[
        // A Latin word ends at a space (a line may break there).
        ("Peter Kiprono以2小时", 5, 5),
        // A number and the marks that never start a line after it.
        ("18.3%，快于全部零售额增速。", 7, 6),
        ("RISC-V架构", 6, 6),
        ("2024年", 4, 4),
        // A Han: a line may end before any (within the tolerance).
        ("市统计局新闻发言人", 0, 0),
        ("“RISC-V是开源指令集", 0, 0),
        ("", 0, 0),
    ];
    for &(line, want_loose, want_tight) in cases {
        let got = (
            score::unbreakable_head(line, loose),
            score::unbreakable_head(line, tight),
        );
        assert_eq!(got, (want_loose, want_tight), "{line:?}");
    }
}
