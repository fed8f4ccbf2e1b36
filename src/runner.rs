//! `sts-playground run FILE|-`: plays a session script against a fresh simulated cluster and prints
//! the terminal transcript. Files the script names are read from the script's folder when the
//! session has not created them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sts_playground::session::Terminal;
use sts_playground::session::transcript;

/// The largest file the runner loads from disk for a script.
const MAX_FILE: u64 = 8 * 1024 * 1024;

/// Where the script comes from.
pub enum Script {
    /// Standard input; files resolve against the current folder.
    Stdin,
    /// A file; files resolve against its folder.
    File(String),
}

/// Plays the script and writes the transcript to standard output; Err is a message for the user.
pub fn run(script: Script, seed: u64) -> Result<(), String> {
    let (text, folder) = match script {
        Script::Stdin => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            (text, PathBuf::from("."))
        }
        Script::File(path) => {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let folder = Path::new(&path)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            (text, folder)
        }
    };
    let mut terminal = Terminal::new(seed);
    terminal.set_loader(Box::new(move |workspace_path: &str| {
        load(&folder, workspace_path)
    }));
    let transcript = transcript::play(&mut terminal, &text);
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not the runner's failure.
    let _ = out.write_all(transcript.as_bytes());
    Ok(())
}

/// Reads a workspace path (`/web.yaml`) from the script's folder.
fn load(folder: &Path, workspace_path: &str) -> Option<String> {
    let relative = workspace_path.trim_start_matches('/');
    if relative.is_empty() {
        return None;
    }
    let path = folder.join(relative);
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE {
        return None;
    }
    std::fs::read_to_string(path).ok()
}
