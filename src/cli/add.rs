//! `casus add`: a source, a reference, an actor or a relation added to
//! one's own graph directory, checked against the whole merged graph
//! before anything is written (see `casus::edit`).

use super::output::{Failure, Format, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::edit::{self, EditError, Evidence, NewActor, NewReference, NewRelation, NewSource};
use casus::load::GraphRef;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus init mine\n  casus add source article.txt --title \"The seed posts\" --date 2020-10-04 --graph mine\n  casus add actor pakistan --kind state --name Pakistan --iso3 PAK --cow 770 --graph mine\n  casus add relation condemns armenia israel --status reported --date 2020-10-01 \\\n      --quote \"Armenia has withdrawn its ambassador to Israel\" \\\n      --source 2020-10-04-the-seed-posts --graph mine\n  casus add relation arms_supplier pakistan azerbaijan --status confirmed \\\n      --reference sipri-trade-register --graph mine\n\nThe directory changed is the last --graph DIR (or CASUS_GRAPH); the graphs before it and\nthe ones its casus.toml extends are loaded with it. Nothing is written unless the whole\ngraph loads with the addition; files are written atomically, comments and order kept."
)]
pub struct Args {
    #[command(subcommand)]
    what: What,
    /// Output format (what was added).
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    format: Format,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Copy an article's text into DIR/sources/ and declare it as a
    /// document (prints its id, for --source).
    Source(SourceArgs),
    /// Declare a public reference (a treaty text, an official page, a
    /// data set), for --reference.
    Reference(ReferenceArgs),
    /// Add an actor.
    Actor(ActorArgs),
    /// Add a relation with its evidence: a verbatim quote of a source, or
    /// a reference.
    Relation(Box<RelationArgs>),
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus add source article.txt --title \"Escalation in the Caucasus?\" --date 2020-10-04 --graph mine\n  casus add source report.txt --title T --date 2020-10 --url https://... \\\n      --publisher Reuters --id reuters-ganja --graph mine\n\nPrints the id to cite with --source. The text is copied to DIR/sources/ID.txt; a text the graph\nalready holds is not copied again (its id is printed)."
)]
struct SourceArgs {
    /// The article's text file (UTF-8), copied byte for byte.
    file: PathBuf,
    #[arg(long)]
    title: String,
    /// Publication date: YYYY-MM-DD (or YYYY-MM, YYYY).
    #[arg(long)]
    date: String,
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    publisher: Option<String>,
    /// The id to give it (default: the date and the title's first words).
    #[arg(long)]
    id: Option<String>,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus add reference sipri-trade-register --title \"SIPRI Arms Transfers Database: trade register\" \\\n      --publisher SIPRI --url https://www.sipri.org/databases/armstransfers --graph mine"
)]
struct ReferenceArgs {
    /// Its id (a slug: sipri-at, cst-1992).
    id: String,
    #[arg(long)]
    title: String,
    #[arg(long)]
    publisher: Option<String>,
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    url: Option<String>,
    /// A full citation (papers, data sets).
    #[arg(long)]
    citation: Option<String>,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus add actor pakistan --kind state --name Pakistan --iso3 PAK --cow 770 \\\n      --alias Pakistani --graph mine\n  casus add actor wagner --kind armed_group --name \"Wagner Group\" --same-as pmc-wagner \\\n      --graph mine    # pmc-wagner: its id in another graph, to merge with it"
)]
struct ActorArgs {
    /// Its id (a slug: lower case, digits, hyphens).
    id: String,
    /// state, person, organisation, armed_group, territory, place or conflict.
    #[arg(long)]
    kind: String,
    #[arg(long)]
    name: String,
    /// Another name or demonym (repeat it).
    #[arg(long = "alias", value_name = "NAME")]
    aliases: Vec<String>,
    /// ISO 3166-1 alpha-3 code (states).
    #[arg(long)]
    iso3: Option<String>,
    /// Correlates of War country code (states).
    #[arg(long)]
    cow: Option<u16>,
    #[arg(long)]
    description: Option<String>,
    /// Its id in another graph (repeat it), by which `--graph A --graph B`
    /// finds it as the same actor: `--same-as republic-of-artsakh`.
    #[arg(long = "same-as", value_name = "ID")]
    same_as: Vec<String>,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus add relation condemns armenia israel --status reported --date 2020-10-01 \\\n      --quote \"Armenia has withdrawn its ambassador to Israel\" \\\n      --source 2020-10-04-the-seed-posts --graph mine\n  casus add relation arms_supplier Pakistan Azeri --status confirmed \\\n      --reference sipri-trade-register --since 2018 --graph mine\n  casus add relation attacks armenia azerbaijan --status reported --date 2020-10-11 --place Ganja \\\n      --quote \"Armenian armed forces fired missiles at multi-apartment residential buildings\" \\\n      --source trend-2020-10-12 --graph mine\n\nPrints the new relation's key. Fields add does not take (systems, support, ...) are set\nafterwards with `casus edit relation KEY FIELD VALUE`."
)]
struct RelationArgs {
    /// A relation type of the schema (arms_supplier, attacks, ally, ...).
    #[arg(value_name = "TYPE")]
    rel_type: String,
    /// The actor it goes from (id, name or alias).
    from: String,
    /// The actor it goes to.
    to: String,
    /// confirmed, reported, claimed, alleged, considered or denied. May be
    /// left out with --stance: the loader derives it.
    #[arg(long, required_unless_present = "stance")]
    status: Option<String>,
    /// The verbatim words of the source that state it (with --source).
    #[arg(long, requires = "source", conflicts_with = "reference")]
    quote: Option<String>,
    /// The document the quote is from (the id `casus add source` printed).
    #[arg(long, requires = "quote")]
    source: Option<String>,
    /// The quote as a statement: the grade its speaker gives the fact
    /// (reports, claims, alleges, considers, denies, confirms).
    #[arg(long, requires = "quote")]
    stance: Option<String>,
    /// Who makes the statement (an actor; default: the article's narrator).
    #[arg(long, requires = "stance")]
    by: Option<String>,
    /// With --reference: the row of the data set it describes
    /// (\"line 1845: ordered 2017, ...\").
    #[arg(long, requires = "reference")]
    row: Option<String>,
    /// A reference that states it, instead of a quote.
    #[arg(long, required_unless_present = "quote")]
    reference: Option<String>,
    /// When it began to hold (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// When it stopped holding.
    #[arg(long)]
    until: Option<String>,
    /// The day it happened (an attack, a statement): since = until = date.
    #[arg(long, conflicts_with_all = ["since", "until"])]
    date: Option<String>,
    /// Free text: what the relation is about, in the analyst's words.
    #[arg(long)]
    note: Option<String>,
    /// A stable key (default: type-from-to-date).
    #[arg(long)]
    key: Option<String>,
    /// Where it happened, for attacks (an actor: id, name or alias).
    #[arg(long)]
    place: Option<String>,
    /// The office held, for leader_of / official_of ("president").
    #[arg(long)]
    role: Option<String>,
    /// The treaty that makes it an obligation (a treaty id of the graph).
    #[arg(long)]
    treaty: Option<String>,
}

/// The directory an edit changes (the last `--graph DIR`) and the graphs
/// loaded with it.
pub(super) fn target(ctx: &Ctx) -> Result<(Vec<GraphRef>, PathBuf), Failure> {
    let mut refs: Vec<GraphRef> = ctx.graph_dirs.iter().map(|d| GraphRef::parse(d)).collect();
    match refs.iter().rposition(|r| matches!(r, GraphRef::Dir(_))) {
        Some(i) => {
            let GraphRef::Dir(dir) = refs.remove(i) else { unreachable!() };
            Ok((refs, dir))
        }
        None => Err(Failure::new(
            EXIT_USAGE,
            "error: name the graph directory to change with --graph DIR (or CASUS_GRAPH=DIR)\n  hint: `casus init DIR` starts one that extends the built-in graph",
        )),
    }
}

/// A refused edit: the loader's diagnostics, the error and its hint.
pub(super) fn failure(ctx: &Ctx, e: &EditError) -> Failure {
    let rendered = e
        .load_error()
        .map(|l| l.render(ctx.color.enabled_stderr()))
        .unwrap_or_default();
    Failure::new(
        EXIT_FAIL,
        format!("{rendered}error: {e}\n  hint: {}", e.hint()),
    )
}

/// What an `add` did: the kind, the id, the files written, and whether
/// the graph held it already.
struct Done(&'static str, String, Vec<String>, bool);

impl RelationArgs {
    fn into_new(self) -> NewRelation {
        let evidence = match (self.quote, self.source, self.reference) {
            (Some(text), Some(source), _) => match self.stance {
                Some(stance) => Evidence::Stated {
                    source,
                    text,
                    stance,
                    by: self.by,
                },
                None => Evidence::Quote { source, text },
            },
            (_, _, Some(reference)) => match self.row {
                Some(row) => Evidence::Row { reference, row },
                None => Evidence::Reference(reference),
            },
            _ => unreachable!("clap requires --quote with --source, or --reference"),
        };
        NewRelation {
            rel_type: self.rel_type,
            from: self.from,
            to: self.to,
            status: self.status.unwrap_or_default(),
            evidence,
            since: self.since,
            until: self.until,
            date: self.date,
            note: self.note,
            key: self.key,
            place: self.place,
            role: self.role,
            treaty: self.treaty,
        }
    }
}

/// Runs one `add` through the library.
fn apply(bases: &[GraphRef], dir: &std::path::Path, what: What) -> Result<Done, EditError> {
    Ok(match what {
        What::Source(s) => {
            let src = NewSource {
                text: edit::read_article(&s.file)?,
                title: s.title,
                date: s.date,
                url: s.url,
                publisher: s.publisher,
                id: s.id,
            };
            let added = edit::add_source(bases, dir, &src)?;
            let files = match added.existed {
                true => vec![],
                false => vec![added.file.clone(), "sources.toml".into()],
            };
            Done("source", added.id, files, added.existed)
        }
        What::Reference(r) => {
            let reference = NewReference {
                id: r.id,
                title: r.title,
                publisher: r.publisher,
                date: r.date,
                url: r.url,
                citation: r.citation,
            };
            let id = edit::add_reference(bases, dir, &reference)?;
            Done("reference", id, vec!["sources.toml".into()], false)
        }
        What::Actor(a) => {
            let actor = NewActor {
                id: a.id,
                kind: a.kind,
                name: a.name,
                aliases: a.aliases,
                iso3: a.iso3,
                cow: a.cow,
                description: a.description,
                same_as: a.same_as,
            };
            let added = edit::add(bases, dir, &[actor], &[])?;
            Done("actor", added.actors[0].clone(), added.files, false)
        }
        What::Relation(r) => {
            let added = edit::add(bases, dir, &[], &[(*r).into_new()])?;
            Done("relation", added.relations[0].clone(), added.files, false)
        }
    })
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let (bases, dir) = target(ctx)?;
    let Done(kind, id, files, existed) =
        apply(&bases, &dir, args.what).map_err(|e| failure(ctx, &e))?;
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        let v = serde_json::json!({ "added": kind, "id": id, "existed": existed, "files": files });
        return io_ok(out.json(&v).and_then(|_| out.flush()));
    }
    let line = if existed {
        format!("{id}\n  the graph already holds this text as source `{id}`: nothing was written")
    } else {
        let shown: Vec<String> = files
            .iter()
            .map(|f| dir.join(f).display().to_string())
            .collect();
        format!("{id}\n  added {kind} `{id}` to {}", shown.join(", "))
    };
    io_ok(out.line(line).and_then(|_| out.flush()))
}
