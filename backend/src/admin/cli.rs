//! `attest admin …`: set up trusts, schools and managers from the command line.

use clap::{Args, Subcommand, ValueEnum};

use super::{
    close_school, create_school, create_trust, grant, rename_school, rename_trust, revoke, Role,
};
use crate::clock::Clock;
use crate::config::DatabaseArgs;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// Options of `attest admin`.
#[derive(Debug, Clone, Args)]
pub struct AdminArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: AdminAction,
    /// The database.
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// The administration verbs.
#[derive(Debug, Clone, Subcommand)]
pub enum AdminAction {
    /// List trusts and schools with their ids.
    List,
    /// Create a trust; prints its id.
    CreateTrust {
        /// Its name.
        name: String,
    },
    /// Create a school, in a trust or on its own; prints its id.
    CreateSchool {
        /// Its name.
        name: String,
        /// The trust it belongs to.
        #[arg(long)]
        trust: Option<String>,
    },
    /// Rename a trust.
    RenameTrust {
        /// The trust's id.
        id: String,
        /// Its new name.
        name: String,
    },
    /// Rename a school.
    RenameSchool {
        /// The school's id.
        id: String,
        /// Its new name.
        name: String,
    },
    /// Close a school: every membership ends; its evidence stays.
    CloseSchool {
        /// The school's id.
        id: String,
    },
    /// Give someone a role (adding them when `--name` is given and they are new).
    Grant(RoleArgs),
    /// Take a role away.
    Revoke(RoleArgs),
}

/// A role, who holds it and where.
#[derive(Debug, Clone, Args)]
pub struct RoleArgs {
    /// Their email.
    pub email: String,
    /// The role.
    #[arg(value_enum)]
    pub role: RoleName,
    /// Their name, to add them if nobody has the email yet.
    #[arg(long)]
    pub name: Option<String>,
    /// The school (school manager, or administrator of a school on its own).
    #[arg(long)]
    pub school: Option<String>,
    /// The trust (trust manager or administrator).
    #[arg(long)]
    pub trust: Option<String>,
}

/// The managing roles by name.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleName {
    /// Manages one school.
    SchoolManager,
    /// Manages every school of a trust.
    TrustManager,
    /// Administers everything.
    Admin,
}

impl RoleArgs {
    fn role(&self) -> AppResult<Role> {
        let missing =
            |what: &str| AppError::Unprocessable(format!("say which {what} (--{what} ID)"));
        Ok(match self.role {
            RoleName::SchoolManager => Role::SchoolManager {
                school_id: self.school.clone().ok_or_else(|| missing("school"))?,
            },
            RoleName::TrustManager => Role::TrustManager {
                trust_id: self.trust.clone().ok_or_else(|| missing("trust"))?,
            },
            RoleName::Admin => Role::Admin {
                trust_id: self.trust.clone(),
                school_id: self.school.clone(),
            },
        })
    }
}

/// Runs one administration verb and says what it did.
pub async fn run(args: AdminArgs) -> AppResult<String> {
    let db = Db::connect(&args.database.url()).await?;
    let now = Clock::System.now();
    Ok(match args.action {
        AdminAction::List => list(&db).await?,
        AdminAction::CreateTrust { name } => create_trust(&db, &name).await?,
        AdminAction::CreateSchool { name, trust } => {
            create_school(&db, trust.as_deref(), &name).await?
        }
        AdminAction::RenameTrust { id, name } => {
            rename_trust(&db, &id, &name).await?;
            format!("renamed trust {id}")
        }
        AdminAction::RenameSchool { id, name } => {
            rename_school(&db, &id, &name).await?;
            format!("renamed school {id}")
        }
        AdminAction::CloseSchool { id } => {
            let ended = close_school(&db, &id, now).await?;
            format!("closed school {id}: {ended} memberships ended")
        }
        AdminAction::Grant(role) => {
            let mut conn = db.pool.acquire().await?;
            let id = grant(
                &mut conn,
                &role.email,
                role.name.as_deref(),
                &role.role()?,
                now,
            )
            .await?;
            format!("granted: {} is person {id}", role.email)
        }
        AdminAction::Revoke(role) => {
            let mut conn = db.pool.acquire().await?;
            revoke(&mut conn, &role.email, &role.role()?).await?;
            format!("revoked from {}", role.email)
        }
    })
}

/// A trust (id, name) and one of its schools (id, name); a school on its own has no trust.
type ListRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Every trust and school, one per line: `trust ID NAME`, then `  school ID NAME`.
async fn list(db: &Db) -> AppResult<String> {
    let rows: Vec<ListRow> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT t.id, t.name, s.id, s.name FROM trusts t LEFT JOIN schools s ON s.trust_id = t.id \
         UNION ALL SELECT NULL, NULL, s.id, s.name FROM schools s WHERE s.trust_id IS NULL \
         ORDER BY 2, 4",
    )
    .fetch_all(e).await
    })?;
    let mut out = String::new();
    let mut trust_seen: Option<String> = None;
    for (trust_id, trust_name, school_id, school_name) in rows {
        if let (Some(id), Some(name)) = (&trust_id, &trust_name) {
            if trust_seen.as_ref() != Some(id) {
                out.push_str(&format!("trust {id} {name}\n"));
                trust_seen = Some(id.clone());
            }
        }
        if let (Some(id), Some(name)) = (school_id, school_name) {
            let indent = if trust_id.is_some() { "  " } else { "" };
            out.push_str(&format!("{indent}school {id} {name}\n"));
        }
    }
    Ok(out.trim_end().to_string())
}
