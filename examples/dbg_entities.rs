fn main() {
    let s = std::env::args().nth(1).unwrap();
    for c in dossier::entities::extract(&s).cands {
        println!("{:?} {:?} {} {}", c.name, c.kind, c.strength, c.weak_common);
    }
}
