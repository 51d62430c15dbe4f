//! Parsing a CSV import of 2,000, 40,000 and 400,000 rows: the cost must grow
//! linearly with the file (it used to grow with its square).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use qr_event_service::parse_csv;

fn file(rows: usize) -> Vec<u8> {
    let mut text = String::from("holder_name,holder_email,category,max_uses\n");
    for i in 0..rows {
        text.push_str(&format!("Person {i},p{i}@example.org,General,1\n"));
        if i % 10 == 0 {
            text.push('\n');
        }
    }
    text.into_bytes()
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_parse");
    group.sample_size(10);
    for rows in [2_000, 40_000, 400_000] {
        let bytes = file(rows);
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::from_parameter(rows), &bytes, |b, bytes| {
            b.iter(|| parse_csv(black_box(bytes), rows + 1))
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
