//! The real binary in a pseudo-terminal, read through a terminal emulator
//! (`vt100`), as a user's terminal would show it.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Tty {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for what a screen does not show (OSC 52).
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

/// How long to wait for the screen to show something before failing; the
/// program answers in milliseconds, this only bounds a hung test.
const PATIENCE: Duration = Duration::from_secs(20);

impl Tty {
    /// Starts `sxs ARGS` in a `cols`×`rows` terminal, in `dir`, with `env`.
    pub fn spawn(args: &[&str], size: (u16, u16), dir: &Path, env: &[(&str, &str)]) -> Tty {
        Tty::start(env!("CARGO_BIN_EXE_sxs"), args, size, dir, env)
    }

    /// Starts an interactive shell with job control, where `sxs` can be run,
    /// suspended and brought back as a user would.
    pub fn shell(size: (u16, u16), dir: &Path) -> Tty {
        let env = [("PS1", "$ "), ("HISTFILE", "/dev/null")];
        Tty::start("bash", &["--norc", "--noprofile", "-i"], size, dir, &env)
    }

    fn start(
        program: &str,
        args: &[&str],
        (cols, rows): (u16, u16),
        dir: &Path,
        env: &[(&str, &str)],
    ) -> Tty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        // A config file of the machine must not change what the test sees.
        cmd.env("XDG_CONFIG_HOME", dir.join("no-config"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("sxs starts");
        drop(pair.slave);
        let size = |n: u16| NonZeroU16::new(n).expect("a terminal has rows and columns");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&parser);
        let output = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock().unwrap().extend_from_slice(&buf[..n]);
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tty {
            parser,
            output,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until `test` holds for the screen; panics with the screen if it never does.
    pub fn wait_for(&self, what: &str, test: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        let start = Instant::now();
        loop {
            let screen = self.parser.lock().unwrap().screen().clone();
            if test(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "waited for {what}; the screen shows:\n{}",
                    screen.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the bytes written so far hold `bytes`; returns them all.
    pub fn wait_for_bytes(&self, what: &str, bytes: &[u8]) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let output = self.output.lock().unwrap().clone();
            if output.windows(bytes.len()).any(|w| w == bytes) {
                return output;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "waited for {what}; the screen shows:\n{}",
                    self.screen().contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn screen(&self) -> vt100::Screen {
        self.parser.lock().unwrap().screen().clone()
    }

    pub fn wait_for_text(&self, text: &str) -> vt100::Screen {
        self.wait_for(text, |s| s.contents().contains(text))
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                self.kill();
                panic!("sxs did not exit");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}

/// The screen's rows as text.
pub fn rows(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).collect()
}
