//! Inputs that would expose a quadratic step: a 50 MB single line, a 10 MB
//! paragraph, a 10 MB doubled headline, a 10 MB page of columns apart by
//! one space, a 10 MB page of columns on alternate lines, a 10 MB page of
//! text boxes out of reading order, a 10 MB page of gutter runs between
//! crossing rows, a 10 MB page of gutters two to four spaces wide, a 50 MB
//! JSONL record. Each must
//! simply finish (no timing is asserted).
//!
//! In a debug build (`cargo test`) the sizes are divided by 10 to keep the
//! suite quick; `.ci/run` runs this file again in release at full size:
//! `cargo test --release --test large_inputs`.

use ocrclean::corpus;
use ocrclean::jsonl::{self, JsonlOptions};
use ocrclean::{Config, Pipeline};

const MB: usize = 1_000_000;

/// Full size in release, a tenth in debug builds.
fn size(full_mb: usize) -> usize {
    if cfg!(debug_assertions) {
        full_mb * MB / 10
    } else {
        full_mb * MB
    }
}

/// `unit` repeated up to `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

fn clean(text: &str) -> String {
    Pipeline::default()
        .clean(text, &Config::default())
        .expect("the pipeline cleans it")
}

/// The cleaned text is neither empty nor much longer than the input.
fn check(input: &str, output: &str) {
    assert!(!output.is_empty());
    assert!(
        output.len() <= input.len() + input.len() / 10 + 16,
        "{} -> {}",
        input.len(),
        output.len()
    );
}

#[test]
fn a_single_50_mb_line() {
    let text = repeat_to(
        "本报讯 近日，2024 年湖北·随州世界华人炎帝故里寻根节经贸洽谈会在随州市举行, ２００ 余名企业家(含 CEO)齐聚于此; ",
        size(50),
    );
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_paragraph_of_wrapped_lines() {
    let text = repeat_to(
        "清华珠三角研究院未来设计创新中心在广州市黄埔\n\n区、广州高新区揭牌 该中心由清华大学未来实\n验室、清华珠三角研究院共建 总投资 1\n2 亿元 \n",
        size(10),
    );
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_page_spaced_by_glyph_positions() {
    // Spaces inside words that the page writes together elsewhere, more
    // distinct pairs than `spacing` looks for one by one.
    let text = repeat_to(
        "运输车辆往 来穿 梭、施工 现场 有 条不紊……为加快项 目建设进 度，施 工单位根据施工 情况不 断增加人力机 械作业力 度，确保建设 有序推进。\n\
         运输车辆往来穿梭、施工现场有条不紊……为加快项目建设进度，施工单位根据施工情况不断增加人力机械作业力度，确保建设有序推进。\n",
        size(10),
    );
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_page_of_narrow_gutters() {
    // Rows of two columns as PyMuPDF's sorted text writes them, two to
    // four spaces apart so that the grid cuts broken bands at one gutter
    // (the seams win and the grid's bands between theirs are put in), and
    // a short article's rows the seams do not see.
    let text = repeat_to(
        "  本报讯“主体工程已完成，目前正在进行屋面、外    据悉，正在建设的区域性智慧物流中心项目计划总\n\
         墙的结构维护，以及防火涂料的喷涂、机电预埋电管的  投资额2亿元，占地148亩，将吸引上下游资源集聚，实\n\
         能汽车厂高端皮卡分装中心和KD工厂项目现场，北京建  工、集约、综合、信息交易、辅助服务等六大功能区，\n\
         工集团有限责任公司项目执行经理王振帅介绍说。    拟实现仓储及配送一体化管理。\n\
         进。                        的时间。”北汽福田潍坊厂区相关负责人刘耀杰说。\n\n\
         今年各考点全部配备身份核验   祝全体考生考试顺利！\n\
         高。全市共设考点26个。       市教育考试院提醒，考生\n\n",
        size(10),
    );
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_doubled_headline() {
    let text = repeat_to("布局布局““六大领域六大领域””实施实施", size(10)) + "\n\n本报讯 近日。\n";
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_page_of_columns_apart_by_one_space() {
    // Rows of three columns as pdfplumber writes them, some with the middle
    // column empty (its parts must be placed), and a spaced line among them.
    let full = "科技成果转化是连接科技创新与产业发展";
    let text = repeat_to(
        &format!(
            "{full} {full} {full}\n{full} {full}\n段落结束。 {full} 全文完。\n\
             西 安 高 新 区 相 关 负 责 人 表 示 ， 作 为 国 家 硬 科 技 创 新 示 范 区\n"
        ),
        size(10),
    );
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_page_of_gutter_runs_between_crossing_rows() {
    // Two columns side by side with a gutter, a row across both every
    // fourth row: a run of rows per crossing row, each tried as a band
    // (session 17 measured the page's width on every one of them).
    let text = repeat_to(
        "左栏文字内容写满这一行的        右栏文字内容写满这一行的\n\
         左栏文字内容写满这一行的        右栏文字内容写满这一行的\n\
         左栏文字内容写满这一行的        右栏文字内容写满这一行的\n\
         这是一条横跨两栏的很长很长的标题文字内容一直写到右边去了\n",
        size(10),
    );
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_page_of_text_boxes_out_of_order() {
    // pdfminer's boxes, a blank line after each, every column-top box
    // before the box it goes on from: each of them is moved.
    let text = repeat_to(
        "本报讯 近日，某市高新区发布\n新一轮产业发展规划，明确了今\n后三年的发展目标和重点任务。\n\n\
         业、人才、环境等多个方面，为\n区域发展注入新动能。\n\n\
         据介绍，规划提出打造三大\n产业集群，培育一批龙头企业，\n济高质量发展，规划内容涉及产\n\n\
         下一步，该高新区将加快项\n目落地，持续优化营商环境，为\n区域发展注入新动能。\n\n",
        size(10),
    );
    check(&text, &clean(&text));
}

#[test]
fn a_10_mb_page_of_columns_on_alternate_lines() {
    // Three columns read row by row, as RapidOCR returns them: each column's
    // line goes on in its next line (`发`/`展`, `项`/`目`, `管`/`理`), so the
    // page is taken for interleaved columns and every line is labelled.
    // Numbered, so that no line repeats another.
    let mut text = String::with_capacity(size(10) + 256);
    let mut n = 0;
    while text.len() < size(10) {
        text.push_str(&format!(
            "展{n:06}的关键环节近年来高新区探索产业发\n\
             目{n:06}以加强中关村示范区各分园建设项\n\
             理{n:06}水平从而打造特色鲜明的服务管\n"
        ));
        n += 1;
    }
    check(&text, &clean(&text));
}

#[test]
fn a_50_mb_jsonl_record() {
    let text = repeat_to(
        "本报讯 近日，西安高新区创建国家未来产业先导区。\n",
        size(50),
    );
    let mut input = serde_json::to_vec(&serde_json::json!({ "id": 1, "text": text })).unwrap();
    input.extend_from_slice(b"\n{\"id\":2,\"text\":\"small\"}\n");
    let pool = corpus::thread_pool(Some(2)).unwrap();
    let pipeline = Pipeline::default();
    let mut out = Vec::new();
    let summary = jsonl::clean_jsonl(
        &pool,
        &input[..],
        &mut out,
        &JsonlOptions::default(),
        |text| pipeline.clean(text, &Config::default()),
        |_| {},
    )
    .unwrap();
    assert_eq!(summary.cleaned, 2);
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].starts_with("{\"id\":2,\"text\":\"small"),
        "{}",
        lines[1]
    );
}
