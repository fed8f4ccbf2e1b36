//! curl's `-w`/`--write-out`: text printed after the transfer with `%{variable}`s filled in and
//! `\n`, `\r`, `\t` turned into their characters (src/tool_writeout.c).

/// What a finished (or failed) transfer tells `-w`.
pub(super) struct Transfer<'a> {
    /// The URL as curl normalised it (`http://web-1.nginx/`).
    pub url: &'a str,
    /// The HTTP status, 0 when no response came.
    pub code: u16,
    /// Bytes of body received.
    pub size_download: usize,
    /// Bytes of headers received.
    pub size_header: usize,
    /// The response's Content-Type, if any.
    pub content_type: &'a str,
    /// The server's address and port, empty when the name did not resolve.
    pub remote_ip: &'a str,
    /// The port connected to.
    pub remote_port: u16,
    /// The request method.
    pub method: &'a str,
    /// curl's exit code.
    pub exit_code: i32,
}

/// The `-w` text for a transfer, and a warning for each variable curl does not know.
pub(super) fn write_out(format: &str, t: &Transfer<'_>) -> (String, String) {
    let (mut out, mut warnings) = (String::new(), String::new());
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("%{")
            && let Some(end) = after.find('}')
        {
            let name = after.get(..end).unwrap_or("");
            match value(name, t) {
                Some(v) => out.push_str(&v),
                None => {
                    warnings.push_str(&format!("curl: unknown --write-out variable: '{name}'\n"))
                }
            }
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        if let Some(after) = rest.strip_prefix("%%") {
            out.push('%');
            rest = after;
            continue;
        }
        if let Some(after) = rest.strip_prefix('\\')
            && let Some(e) = after.chars().next()
            && let Some(ch) = match e {
                'n' => Some('\n'),
                'r' => Some('\r'),
                't' => Some('\t'),
                '\\' => Some('\\'),
                _ => None,
            }
        {
            out.push(ch);
            rest = after.get(e.len_utf8()..).unwrap_or("");
            continue;
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    (out, warnings)
}

fn value(name: &str, t: &Transfer<'_>) -> Option<String> {
    Some(match name {
        // curl prints a missing status as three zeros.
        "http_code" | "response_code" => format!("{:03}", t.code),
        "size_download" | "size_body" => t.size_download.to_string(),
        "size_header" => t.size_header.to_string(),
        "size_upload" | "size_request" | "num_redirects" | "num_retries" => "0".into(),
        "content_type" => t.content_type.to_string(),
        "url_effective" | "url" => t.url.to_string(),
        "remote_ip" => t.remote_ip.to_string(),
        "remote_port" if t.remote_ip.is_empty() => "0".into(),
        "remote_port" => t.remote_port.to_string(),
        "method" => t.method.to_string(),
        "scheme" => "http".into(),
        "http_version" if t.code == 0 => "0".into(),
        "http_version" => "1.1".into(),
        "exitcode" => t.exit_code.to_string(),
        // A request between two pods of one cluster takes about a millisecond.
        "time_total" | "time_starttransfer" => "0.001000".into(),
        "time_connect" | "time_pretransfer" => "0.000500".into(),
        "time_namelookup" => "0.000250".into(),
        "time_appconnect" | "time_redirect" => "0.000000".into(),
        _ => return None,
    })
}
