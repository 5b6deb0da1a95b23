//! Evidence in other scripts is found the way a user types a word: a Japanese, Chinese,
//! Korean or Thai word inside a sentence written without spaces, a Persian word with a
//! zero-width non-joiner typed with it, with a space or with nothing, Arabic with vowel
//! points, a kashida and the bidi marks PDF and Word text carries. Each document goes
//! through the real scan (extraction workers included) and is found by `Dossier::search`;
//! snippets show the text as written, with no spaces put between characters.

mod support;

use dossier_core::search::SearchHit;
use dossier_fixtures as fx;
use support::Env;

fn search(env: &Env, query: &str) -> Vec<SearchHit> {
    env.dossier.search(query, 20).unwrap()
}

/// The files `query` finds, by path.
fn found(env: &Env, query: &str) -> Vec<String> {
    search(env, query).into_iter().map(|h| h.path).collect()
}

/// The snippet of the only file `query` finds.
fn snippet(env: &Env, query: &str) -> String {
    let hits = search(env, query);
    assert_eq!(hits.len(), 1, "{query}: {hits:?}");
    hits[0].snippet.clone()
}

#[test]
fn a_japanese_word_inside_a_sentence_is_found() {
    let mut env = Env::new();
    env.write(
        "提案/案件概要.txt",
        "本プロジェクトでは、東京リージョンにデータレイクを構築しました。移行計画書を添付します。",
    );
    env.write("sow.md", "Statement of work for the data lake");
    env.scan();

    let ja = ["提案/案件概要.txt"];
    assert_eq!(found(&env, "データレイク"), ja);
    assert_eq!(found(&env, "リージョン"), ja);
    assert_eq!(found(&env, "計画"), ja);
    assert_eq!(found(&env, "構築 移行"), ja);
    assert_eq!(found(&env, "概要"), ja, "found by a word of its name");
    assert!(found(&env, "大阪").is_empty());
    assert!(
        found(&env, "レイクデータ").is_empty(),
        "characters count in order"
    );

    let shown = snippet(&env, "データレイク");
    assert!(
        shown.contains("東京リージョンに[データレイク]を構築"),
        "{shown}"
    );
}

#[test]
fn a_chinese_word_inside_a_sentence_is_found() {
    let mut env = Env::new();
    fx::write_docx(
        &env.path("架构评审.docx"),
        &[
            "我们在北京区域部署了机器学习平台，并完成了安全审计。",
            "数据湖采用多账户架构。",
        ],
    )
    .unwrap();
    env.scan();

    let zh = ["架构评审.docx"];
    assert_eq!(found(&env, "机器学习"), zh);
    assert_eq!(found(&env, "安全审计"), zh);
    assert_eq!(found(&env, "多账户"), zh);
    assert_eq!(found(&env, "评审"), zh, "found by a word of its name");
    assert!(found(&env, "上海").is_empty());

    let shown = snippet(&env, "机器学习");
    assert!(shown.contains("部署了[机器学习]平台"), "{shown}");
}

#[test]
fn korean_and_thai_words_inside_a_run_are_found() {
    let mut env = Env::new();
    env.write("ko.txt", "서울리전으로 마이그레이션을 완료했습니다.");
    env.write("th.txt", "เอกสารสถาปัตยกรรมระบบคลาวด์สำหรับลูกค้า");
    env.scan();

    assert_eq!(found(&env, "마이그레이션 완료"), ["ko.txt"]);
    assert_eq!(found(&env, "리전"), ["ko.txt"]);
    assert_eq!(found(&env, "สถาปัตยกรรม"), ["th.txt"]);
    assert_eq!(found(&env, "คลาวด์"), ["th.txt"]);
}

#[test]
fn a_persian_word_with_a_zero_width_non_joiner_is_found_however_it_is_typed() {
    let mut env = Env::new();
    fx::write_docx(
        &env.path("fa.docx"),
        &["\u{200F}ما می\u{200C}خواهیم داده\u{200C}ها را به ابر منتقل کنیم."],
    )
    .unwrap();
    env.scan();

    let fa = ["fa.docx"];
    for typed in [
        "داده\u{200C}ها",
        "دادهها",
        "داده ها",
        "می\u{200C}خواهیم داده\u{200C}ها",
        "\u{200F}می\u{200C}خواهیم\u{200F}",
        "منتقل",
    ] {
        assert_eq!(found(&env, typed), fa, "typed {typed:?}");
    }
    assert!(found(&env, "دانش").is_empty());

    // The snippet keeps the non-joiner, so the word reads as it was written.
    let shown = snippet(&env, "داده\u{200C}ها");
    assert!(shown.contains("[داده\u{200C}ها]"), "{shown}");
    assert!(
        !shown.contains('\u{200F}'),
        "bidi marks are dropped: {shown:?}"
    );
}

#[test]
fn arabic_and_hebrew_are_found_without_points_kashida_or_bidi_marks() {
    let mut env = Env::new();
    env.write(
        "ar.txt",
        "\u{200F}تمت مراجعة الـبنية التحتية السَّحابية للعميل\u{200F}.",
    );
    env.write("he.txt", "\u{202B}מסמך ארכיטקטורה של הענן\u{202C}");
    env.scan();

    let ar = ["ar.txt"];
    assert_eq!(found(&env, "البنية"), ar, "written with a kashida");
    assert_eq!(found(&env, "السحابية"), ar, "written with vowel points");
    assert_eq!(found(&env, "السَّحابية التحتية"), ar);
    assert_eq!(found(&env, "\u{200F}مراجعة\u{200F}"), ar);
    assert_eq!(found(&env, "ארכיטקטורה"), ["he.txt"]);

    let shown = snippet(&env, "التحتية");
    assert!(shown.contains("[التحتية]"), "{shown}");
    assert!(
        !shown.contains('\u{200F}'),
        "bidi marks are dropped: {shown:?}"
    );
}
