//! `mentorbook serve`: build in memory, serve, rebuild and reload on change.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;

use super::{Global, counted, error_line, ms, print_diagnostics, print_phases, warning_line};
use crate::serve::{self, DEFAULT_PORT, Event, ServeOptions};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port)
    #[arg(short = 'p', long, default_value_t = DEFAULT_PORT, value_name = "PORT")]
    pub port: u16,
    /// The address to listen on (only this interface)
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), value_name = "ADDR")]
    pub interface: IpAddr,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
}

pub(super) fn run(global: &Global, args: &ServeArgs) -> ExitCode {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        error_line(&format!("cannot handle Ctrl-C: {e}"));
        return ExitCode::from(1);
    }
    let options = ServeOptions {
        root: global.root(),
        build: global.options(),
        addr: SocketAddr::new(args.interface, args.port),
    };
    let result = serve::run(options, &stop, |event| show(global, args, event));
    match result {
        Ok(()) => {
            if !global.quiet {
                eprintln!("Stopped.");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            error_line(&e.to_string());
            ExitCode::from(1)
        }
    }
}

fn show(global: &Global, args: &ServeArgs, event: Event) {
    match event {
        Event::Listening(url) => {
            // Always printed, even with -q: it is what the command is for.
            println!("Serving on {url}");
            if !global.quiet {
                println!("Watching for changes; press Ctrl-C to stop.");
            }
            if args.open {
                open_browser(url);
            }
        }
        Event::Built {
            rebuilt,
            took,
            since_change,
            paths,
            warnings,
        } => {
            print_diagnostics(warnings, global);
            if global.quiet {
                return;
            }
            let changed: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let what = if changed.is_empty() {
                "Built".to_string()
            } else {
                format!(
                    "Rebuilt ({}) after a change to {}:",
                    rebuilt.scope,
                    changed.join(", ")
                )
            };
            println!(
                "{what} {} and {} in {:.0} ms",
                counted(rebuilt.pages, "page", "pages"),
                counted(rebuilt.charts, "chart", "charts"),
                ms(took)
            );
            if global.verbose > 0 {
                print_phases(&rebuilt.phases);
                eprintln!(
                    "  cohort pages reused: {} of {}; cohort charts reused: {} of {}",
                    rebuilt.reused.pages, rebuilt.cohorts, rebuilt.reused.charts, rebuilt.cohorts
                );
                if let Some(since) = since_change {
                    eprintln!(
                        "  save to rebuilt site: {:.1} ms (debounce included)",
                        ms(since)
                    );
                }
            }
        }
        Event::Failed { diags, has_site } => {
            print_diagnostics(diags, global);
            if has_site {
                error_line("the change does not build; still serving the last good site");
            } else {
                error_line(
                    "the site does not build; fix the errors and save: it is served as soon as it builds",
                );
            }
        }
        Event::WatchProblem(message) => warning_line(&message),
    }
}

/// Opens `url` in the default browser; a failure is only a warning.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reaped in the background, so that it leaves no zombie behind.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => warning_line(&format!(
            "cannot open a browser ({program}: {e}); open {url} yourself"
        )),
    }
}
