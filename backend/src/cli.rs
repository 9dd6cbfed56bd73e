//! The `attest` verbs: `serve`, and the offline tools that read a policy file.

use std::process::ExitCode;

use attest_domain::{ask, clauses, formats, module, quiz, ClauseSet};
use serde::Serialize;

use crate::config::{Cli, Command, FileArgs, Format};
use crate::error::{AppError, AppResult};

/// Runs one verb; the exit code says whether it succeeded.
pub async fn run(cli: Cli) -> AppResult<ExitCode> {
    match cli.command {
        Command::Serve(args) => crate::serve::run(args).await.map(|()| ExitCode::SUCCESS),
        Command::Clauses(args) => {
            let set = read_policy(&args)?;
            match args.format {
                Format::Json => print_json(&set)?,
                Format::Text => print!("{}", clauses::outline(&set)),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Module(args) => {
            let built = module::build_module(&read_policy(&args)?);
            match args.format {
                Format::Json => print_json(&built)?,
                Format::Text => print!("{}", crate::outline::module(&built)),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Quiz(args) => {
            let set = read_policy(&args.file)?;
            let bank = quiz::build_bank(&set, args.seed);
            if args.coverage {
                let cov = quiz::coverage(&set, &bank);
                println!("coverage: {:.1}% of duties", cov.percent);
                for (id, duty) in &cov.uncovered {
                    println!("  not covered: {id}: {duty}");
                }
            } else {
                match args.file.format {
                    Format::Json => print_json(&bank)?,
                    Format::Text => print!("{}", crate::outline::bank(&bank)),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ask(args) => {
            let set = read_policy(&args.file)?;
            let answer = ask::ask(&set, &args.situation);
            match args.file.format {
                Format::Json => print_json(&answer)?,
                Format::Text => print!("{}", crate::outline::answer(&answer)),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Admin(args) => {
            println!("{}", crate::admin::cli::run(args).await?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Anonymise(args) => {
            let db = crate::db::Db::connect(&args.database.url()).await?;
            let now = crate::clock::Clock::System.now();
            let ids =
                crate::privacy::anonymise_leavers(&db, now, args.retention_months, args.dry_run)
                    .await?;
            let verb = if args.dry_run {
                "would anonymise"
            } else {
                "anonymised"
            };
            println!("{verb} {} leaver(s)", ids.len());
            for id in ids {
                println!("  {id}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup(args) => {
            let db = crate::db::Db::connect(&args.database.url()).await?;
            crate::backup::backup(&db, &args.file).await?;
            println!("backup written to {}", args.file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore(args) => {
            let target = crate::backup::sqlite_path(&args.database.url())?;
            let report = crate::backup::restore(&args.file, &target).await?;
            print!("{}", report.describe());
            println!("restored {} into {}", args.file.display(), target.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Remind(args) => crate::reminders::verbs::remind(args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Verify(args) => {
            let db = crate::db::Db::connect(&args.url()).await?;
            let report = crate::chain::verify_all(&db).await?;
            print!("{}", report.describe());
            let originals = crate::sources::verify_all(&db).await?;
            print!("{}", originals.describe());
            Ok(if report.is_intact() && originals.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

/// Reads and parses a policy file of any supported format.
fn read_policy(args: &FileArgs) -> AppResult<ClauseSet> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| AppError::Internal(format!("cannot read {}: {e}", args.file.display())))?;
    let name = args
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("policy.txt");
    Ok(formats::parse_document(name, &bytes)?)
}

fn print_json<T: Serialize>(value: &T) -> AppResult<()> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| AppError::Internal(e.to_string()))?;
    println!("{text}");
    Ok(())
}
