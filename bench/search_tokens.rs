//! The search tokeniser (src/search/token.rs) as the index uses it: every token of a text,
//! with its exact key and its stem key. Throughput is in tokens per second, for English (the
//! ASCII fast path), French (accents: NFKC, folding, stemming), Russian (Cyrillic) and
//! Japanese (bigrams, no stemmer); `<language>_tokens_only` is the segmentation alone.
//! Run with `cargo bench --bench search_tokens`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gazette::search::token::Tokenizer;

const EN: &str = "The prime minister announced on Tuesday that the general election would be \
    held in March, two months earlier than expected, after the coalition's budget was defeated \
    by 312 votes to 298. Opposition leaders welcomed the decision, saying voters deserved a \
    say on rising prices; economists warned that markets, already unsettled by the central \
    bank's 0.5% rate rise, could react badly to weeks of uncertainty.\n";
const FR: &str = "Le Premier ministre a annoncé mardi que les élections législatives anticipées \
    auraient lieu en mars, deux mois plus tôt que prévu, après le rejet du budget de la \
    coalition par 312 voix contre 298. L'opposition s'est félicitée de cette décision ; les \
    économistes craignent que les marchés, déjà inquiets après la hausse des taux de 0,5 %, \
    réagissent mal à des semaines d'incertitude.\n";
const RU: &str = "Премьер-министр объявил во вторник, что досрочные парламентские выборы \
    пройдут в марте, на два месяца раньше ожидаемого, после того как бюджет коалиции был \
    отклонён 312 голосами против 298. Оппозиция приветствовала это решение; экономисты \
    опасаются, что рынки, уже встревоженные повышением ставки на 0,5 %, отреагируют плохо.\n";
const JA: &str = "首相は火曜日、連立政権の予算案が312対298で否決されたことを受け、総選挙を予定より\
    二か月早い三月に実施すると発表した。野党はこの決定を歓迎したが、経済学者は中央銀行の利上げで\
    既に動揺している市場が数週間の不透明感に悪く反応する可能性があると警告した。\n";

fn tokenizer(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_tokens");
    for (name, language, paragraph) in [
        ("english", "en", EN),
        ("french", "fr", FR),
        ("russian", "ru", RU),
        ("japanese", "ja", JA),
    ] {
        // About 100 KB of text: a long article's worth many times over.
        let text = paragraph.repeat(100_000 / paragraph.len() + 1);
        let t = Tokenizer::new(language, true);
        let mut count = 0u64;
        t.tokens(&text, |_| count += 1);
        group.throughput(Throughput::Elements(count));
        group.bench_function(format!("{name}_tokens_only"), |b| {
            b.iter(|| {
                let mut bytes = 0usize;
                t.tokens(&text, |w| bytes += w.len());
                bytes
            })
        });
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut bytes = 0usize;
                t.tokens(&text, |w| {
                    bytes += t.key(w).len() + t.stem(w).len();
                });
                bytes
            })
        });
    }
    group.finish();
}

criterion_group!(benches, tokenizer);
criterion_main!(benches);
