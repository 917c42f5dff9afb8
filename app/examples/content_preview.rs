//! Compiles and tests the lesson pane and cluster view modules before the app's root wires them
//! in; `cargo test -p app --example content_preview` runs their unit tests natively.

#![allow(dead_code)]

#[path = "../src/lessons/mod.rs"]
mod lessons;

#[path = "../src/cluster_view/mod.rs"]
mod cluster_view;

fn main() {
    let hits = lessons::search::Index::lessons().search("클러스터를", "ko", 5);
    for hit in hits {
        let s = &lessons::search::Index::lessons().sections[hit.section];
        println!("{} {}#{} {:.1}", s.lang, s.lesson, s.anchor, hit.score);
    }
}
