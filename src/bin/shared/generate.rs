//! `--generate`: shell completions and man pages, from the same clap
//! definitions the binaries parse with, so they never fall out of date.
//!
//! `newsdex-search --generate bash > newsdex-search.bash`,
//! `newsdex-index --generate man > newsdex-index.1`; shells are bash, zsh,
//! fish, elvish and powershell.

use std::io::Write;

/// What `--generate` accepts.
pub const TARGETS: [&str; 6] = ["bash", "zsh", "fish", "elvish", "powershell", "man"];

pub fn generate(mut cmd: clap::Command, target: &str, out: &mut impl Write) -> anyhow::Result<()> {
    if target == "man" {
        clap_mangen::Man::new(cmd).render(out)?;
        return Ok(());
    }
    let shell: clap_complete::Shell = target
        .parse()
        .map_err(|e| anyhow::anyhow!("--generate {target}: {e}"))?;
    let name = cmd.get_name().to_string();
    clap_complete::generate(shell, &mut cmd, name, out);
    Ok(())
}
