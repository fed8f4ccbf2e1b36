//! `curl` between pods: the options learners type (-s, -S, -i, -I, -f, -o, -w) and the messages
//! and exit codes curl gives for each way a transfer ends (curl's tool_operate.c).

use super::host::ContainerHost;
use super::http::{Answer, answer, parse_url, reason, split_flags};
use super::net::lookup_name;
use super::writeout;
use crate::sh::interp::{Files, Proc};

/// What a curl command line asks for.
#[derive(Default)]
struct CurlOpts {
    include: bool,
    head: bool,
    fail: bool,
    /// `-s`: no progress meter and no error messages.
    silent: bool,
    /// `-S`: error messages even when silent.
    show_error: bool,
    output: Option<String>,
    write_out: Option<String>,
    url: Option<String>,
}

fn curl_opts(p: &Proc) -> CurlOpts {
    let args = split_flags(p.args(), "omHXdw");
    let mut o = CurlOpts::default();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        match a.as_str() {
            "-i" | "--include" => o.include = true,
            "-I" | "--head" => o.head = true,
            "-f" | "--fail" => o.fail = true,
            "-s" | "--silent" => o.silent = true,
            "-S" | "--show-error" => o.show_error = true,
            "-o" | "--output" => {
                o.output = args.get(i).cloned();
                i += 1;
            }
            "-w" | "--write-out" => {
                o.write_out = args.get(i).cloned();
                i += 1;
            }
            "-m" | "--max-time" | "--connect-timeout" | "-H" | "-X" | "-d" => i += 1,
            s if s.starts_with('-') => {}
            s => o.url = Some(s.to_string()),
        }
    }
    o
}

/// A transfer that failed: curl's exit code, its message, and the HTTP status if one came.
struct Failed(i32, String, u16);

pub(super) fn curl(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let o = curl_opts(p);
    let Some(url) = o.url.clone() else {
        p.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    };
    let (host, port, path) = parse_url(&url);
    // curl names the URL it used with the path it added (`http://web-1.nginx/`).
    let effective = format!("http://{host}{}{path}", port_suffix(port));
    let mut t = writeout::Transfer {
        url: &effective,
        code: 0,
        size_download: 0,
        size_header: 0,
        content_type: "",
        remote_ip: "",
        remote_port: port,
        method: if o.head { "HEAD" } else { "GET" },
        exit_code: 0,
    };
    let ip = lookup_name(h, &host).and_then(|(_, ips)| ips.first().cloned());
    let result = match &ip {
        None => Err(Failed(6, format!("Could not resolve host: {host}"), 0)),
        Some(ip) => fetch(h, p, &o, ip, &host, port, &path),
    };
    let code = match result {
        Ok(page) => {
            t.remote_ip = ip.as_deref().unwrap_or("");
            t.code = page.code;
            t.size_download = page.body_len;
            t.size_header = page.header_len;
            t.content_type = page.content_type;
            let status = deliver(h, p, &o, &page.text);
            t.exit_code = status;
            status
        }
        Err(Failed(status, message, http)) => {
            if http != 0 {
                t.remote_ip = ip.as_deref().unwrap_or("");
                t.code = http;
            }
            if !o.silent || o.show_error {
                p.err(&format!("curl: ({status}) {message}\n"));
            }
            t.exit_code = status;
            status
        }
    };
    if let Some(format) = &o.write_out {
        let (text, warnings) = writeout::write_out(format, &t);
        p.err(&warnings);
        p.out(&text);
    }
    code
}

fn port_suffix(port: u16) -> String {
    if port == 80 {
        String::new()
    } else {
        format!(":{port}")
    }
}

/// An answer curl received.
struct Page {
    code: u16,
    text: String,
    body_len: usize,
    header_len: usize,
    content_type: &'static str,
}

fn fetch(
    h: &mut ContainerHost,
    p: &Proc,
    o: &CurlOpts,
    ip: &str,
    host: &str,
    port: u16,
    path: &str,
) -> Result<Page, Failed> {
    let (code, body, version) = match answer(h, ip, port, path) {
        Answer::Page(code, body, version) => (code, body, version.unwrap_or_default()),
        Answer::Refused => {
            return Err(Failed(
                7,
                format!(
                    "Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"
                ),
                0,
            ));
        }
        Answer::Empty => return Err(Failed(52, "Empty reply from server".into(), 0)),
    };
    if o.fail && code >= 400 {
        return Err(Failed(
            22,
            format!("The requested URL returned error: {code}"),
            code,
        ));
    }
    let date = crate::sim::clock::timestamp_at(p.now_ms)
        .strftime("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    let content_type =
        if code == 200 && !path.ends_with(".html") && !path.ends_with('/') && path.contains('.') {
            "application/octet-stream"
        } else {
            "text/html"
        };
    let headers = format!(
        "HTTP/1.1 {code} {}\nServer: nginx/{version}\nDate: {date}\nContent-Type: {content_type}\nContent-Length: {}\nConnection: keep-alive\n\n",
        reason(code),
        body.len()
    );
    let mut text = String::new();
    if o.include || o.head {
        text.push_str(&headers);
    }
    let body_len = if o.head { 0 } else { body.len() };
    if !o.head {
        text.push_str(&body);
    }
    Ok(Page {
        code,
        text,
        body_len,
        header_len: headers.len(),
        content_type,
    })
}

/// Writes what curl received to `-o FILE` or standard output; gives curl's exit code.
fn deliver(h: &mut ContainerHost, p: &mut Proc, o: &CurlOpts, text: &str) -> i32 {
    match &o.output {
        Some(file) if file != "-" => {
            let path = p.path(file);
            if h.files.write(&path, text, false).is_err() {
                if !o.silent || o.show_error {
                    p.err(&format!(
                        "curl: (23) Failure writing output to destination, passed {} returned 0\n",
                        text.len()
                    ));
                }
                return 23;
            }
            0
        }
        _ => {
            p.out(text);
            0
        }
    }
}
