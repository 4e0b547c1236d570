//! Finding inputs and writing outputs safely.
//!
//! Inputs are files, directories (walked recursively, matching a glob on the
//! file name, `*.txt` by default) or `-` for standard input. Outputs are
//! written to a temporary file in the target directory and renamed into
//! place, so a failed or interrupted run never leaves a half-written file;
//! a device or a pipe (`-o /dev/null`) is written in place instead, and a
//! symbolic link is followed.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};

/// Where one document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File {
        path: PathBuf,
        /// Path relative to the directory it was found under (its file name
        /// when it was named directly): where its output goes under `-o DIR`.
        relative: PathBuf,
    },
}

impl Input {
    /// The name used in messages (`-` for standard input).
    pub fn display_name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }

    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Input::File { path, .. } => fs::read(path),
        }
    }

    /// Opens the input for reading in a stream.
    pub fn open(&self) -> io::Result<Box<dyn io::BufRead>> {
        Ok(match self {
            Input::Stdin => Box::new(io::stdin().lock()),
            Input::File { path, .. } => {
                Box::new(io::BufReader::with_capacity(1 << 16, fs::File::open(path)?))
            }
        })
    }

    /// The size in bytes if it can be known before reading (0 otherwise).
    pub fn size_hint(&self) -> usize {
        match self {
            Input::Stdin => 0,
            Input::File { path, .. } => fs::metadata(path).map_or(0, |m| m.len() as usize),
        }
    }
}

/// An input path that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {cause}")]
pub struct InputError {
    pub path: String,
    pub cause: String,
}

impl InputError {
    pub fn new(path: impl AsRef<Path>, cause: impl std::fmt::Display) -> Self {
        InputError {
            path: path.as_ref().display().to_string(),
            cause: cause.to_string(),
        }
    }
}

/// Compiles a file-name glob such as `*.txt`.
pub fn file_glob(pattern: &str) -> Result<GlobMatcher, globset::Error> {
    Ok(Glob::new(pattern)?.compile_matcher())
}

/// Expands the command-line paths into inputs, in a stable order (the
/// order given; files of a directory sorted by path). No path means stdin.
/// Problems with single entries (an unreadable directory, a symlink loop)
/// are returned beside the inputs that were found, so a run can report them
/// and go on.
pub fn collect_inputs(paths: &[PathBuf], glob: &GlobMatcher) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        inputs.push(Input::Stdin);
        return (inputs, errors);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(InputError::new(path, io_cause(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(entry) => {
                        if entry.file_type().is_file() && glob.is_match(entry.file_name()) {
                            let relative = entry
                                .path()
                                .strip_prefix(path)
                                .unwrap_or(entry.path())
                                .to_path_buf();
                            found.push(Input::File {
                                path: entry.path().to_path_buf(),
                                relative,
                            });
                        }
                    }
                    Err(e) => {
                        let at = e
                            .path()
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|| path.clone());
                        let cause = if e.loop_ancestor().is_some() {
                            "symbolic link loop; skipped".to_string()
                        } else {
                            e.io_error().map(io_cause).unwrap_or_else(|| e.to_string())
                        };
                        errors.push(InputError::new(at, cause));
                    }
                }
            }
            inputs.extend(found);
        } else {
            let relative = path
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| path.clone());
            inputs.push(Input::File {
                path: path.clone(),
                relative,
            });
        }
    }
    (inputs, errors)
}

/// Drops every input that names a file already listed (same canonical path,
/// e.g. `a.txt ./a.txt`, or a file given alone and inside a directory also
/// given): each file is cleaned once, at its first mention. Standard input
/// is kept once too.
pub fn drop_duplicates(inputs: &mut Vec<Input>) {
    let mut seen = std::collections::HashSet::new();
    let mut canonical = CanonicalPaths::default();
    inputs.retain(|input| match input {
        Input::Stdin => seen.insert(None),
        Input::File { path, .. } => {
            seen.insert(Some(canonical.of(path).unwrap_or_else(|_| path.clone())))
        }
    });
}

/// [`fs::canonicalize`] for many files, most of them sharing directories.
/// `canonicalize` asks the kernel about every component of every path
/// (`realpath` reads each as a link); here a file that is not itself a
/// symbolic link is its directory's canonical path joined with its name,
/// and each directory is resolved once: one `lstat` per file.
#[derive(Debug, Default)]
pub struct CanonicalPaths {
    dirs: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl CanonicalPaths {
    pub fn of(&mut self, path: &Path) -> io::Result<PathBuf> {
        let found = self
            .by_directory(path)
            .map_or_else(|| fs::canonicalize(path), Ok);
        debug_assert_eq!(
            found.as_ref().ok(),
            fs::canonicalize(path).as_ref().ok(),
            "{}",
            path.display()
        );
        found
    }

    /// The canonical path through the directory's, or `None` where that
    /// shortcut does not hold (a link, a directory, a name such as `..`).
    fn by_directory(&mut self, path: &Path) -> Option<PathBuf> {
        let Some(std::path::Component::Normal(name)) = path.components().next_back() else {
            return None;
        };
        let meta = fs::symlink_metadata(path).ok()?;
        if meta.file_type().is_symlink() || meta.is_dir() {
            return None;
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let canonical_dir = self
            .dirs
            .entry(dir.to_path_buf())
            .or_insert_with(|| fs::canonicalize(dir).ok());
        Some(canonical_dir.as_ref()?.join(name))
    }
}

/// Refuses an output directory that is, or contains, one of the input
/// directories: every input would be under the output and be skipped (or be
/// overwritten in place). An output directory *inside* an input directory
/// is fine: its files are never read back.
pub fn check_output_dir(output: &Path, paths: &[PathBuf]) -> Result<(), InputError> {
    let Ok(out) = fs::canonicalize(output) else {
        return Ok(()); // does not exist yet: it holds no input
    };
    for path in paths.iter().filter(|p| p.is_dir()) {
        if let Ok(input) = fs::canonicalize(path) {
            if input.starts_with(&out) {
                return Err(InputError::new(
                    output,
                    format!(
                        "output directory contains the input directory {}; choose another -o",
                        path.display()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Inputs that would be written to the same place under `-o DIR` (two
/// files named alike in different places given on the command line): the
/// later ones are dropped and returned, so that no output silently
/// replaces another.
pub fn drop_colliding_targets(inputs: &mut Vec<Input>) -> Vec<InputError> {
    let mut targets = std::collections::HashMap::new();
    let mut errors = Vec::new();
    inputs.retain(|input| match input {
        Input::Stdin => true,
        Input::File { path, relative } => match targets.get(relative) {
            None => {
                targets.insert(relative.clone(), path.clone());
                true
            }
            Some(first) => {
                errors.push(InputError::new(
                    path,
                    format!(
                        "would be written to the same output file as {}; skipped",
                        Path::new(first).display()
                    ),
                ));
                false
            }
        },
    });
    errors
}

/// A short cause for an I/O error, without Rust's "(os error N)" noise.
pub fn io_cause(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, then renamed over `path`. On any error the temporary file is
/// removed and `path` is left as it was.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(contents))
}

/// [`write_atomic`] with the writing done by `write` (so that tests can make
/// it fail half-way, as a full disk would).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut AtomicFile) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file)?;
    file.commit()
}

/// A file written in a stream and put in place only when complete: the
/// bytes go to a temporary file beside the target, which [`commit`] renames
/// over it. Dropped without a commit, the temporary file is removed and the
/// target is left as it was.
///
/// A target that exists and is no regular file (`/dev/null`, a FIFO) is
/// written in place: renamed over, it would become a regular file (a
/// `-o /dev/null` once replaced the machine's `/dev/null`). A target that is
/// a symbolic link to a file gets the file replaced and stays a link.
///
/// No `fsync`: the guarantee is against failed and interrupted runs (the
/// target is either the old file or the complete new one), not power loss;
/// syncing every file of a corpus costs more than the cleaning.
///
/// [`commit`]: AtomicFile::commit
pub struct AtomicFile {
    target: PathBuf,
    writer: io::BufWriter<Sink>,
}

/// Where an [`AtomicFile`]'s bytes go.
enum Sink {
    /// A temporary file renamed over the target on commit.
    Temporary(tempfile::NamedTempFile),
    /// The target itself, a device or a pipe.
    InPlace(fs::File),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Temporary(tmp) => tmp.write(buf),
            Sink::InPlace(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Temporary(tmp) => tmp.flush(),
            Sink::InPlace(file) => file.flush(),
        }
    }
}

impl AtomicFile {
    pub fn create(target: &Path) -> io::Result<Self> {
        // (`metadata` follows symbolic links.)
        let target = match fs::metadata(target) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => {
                let file = fs::OpenOptions::new().write(true).open(target)?;
                return Ok(AtomicFile {
                    target: target.to_path_buf(),
                    writer: io::BufWriter::with_capacity(1 << 16, Sink::InPlace(file)),
                });
            }
            Ok(meta) if meta.is_file() && fs::symlink_metadata(target)?.is_symlink() => {
                fs::canonicalize(target)?
            }
            _ => target.to_path_buf(),
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".ocrclean-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(AtomicFile {
            target,
            writer: io::BufWriter::with_capacity(1 << 16, Sink::Temporary(tmp)),
        })
    }

    /// Flushes and renames the temporary file over the target (a target
    /// written in place is only flushed).
    pub fn commit(self) -> io::Result<()> {
        match self.writer.into_inner().map_err(|e| e.into_error())? {
            Sink::Temporary(tmp) => {
                tmp.persist(&self.target).map_err(|e| e.error)?;
            }
            Sink::InPlace(_) => {}
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe (as `/dev/null`, a device) is written in place, not replaced
    /// by a renamed file. (A FIFO in a temporary directory: a regression
    /// here must not touch the machine's `/dev/null`.)
    #[cfg(unix)]
    #[test]
    fn special_files_are_written_in_place() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test with
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        // (Checked before joining: a pipe renamed over would leave the
        // reader waiting for a writer for ever.)
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    /// A symbolic link to a file: the file is replaced, the link stays.
    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&file, b"old").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read(&file).unwrap(), b"new");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
    }

    #[test]
    fn atomic_write_into_missing_dir_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing").join("out.txt");
        assert!(write_atomic(&target, b"x").is_err());
        assert!(!target.exists());
    }

    #[test]
    fn directories_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("b.txt"), "b").unwrap();
        fs::write(dir.path().join("a.txt"), "a").unwrap();
        fs::write(dir.path().join("skip.md"), "m").unwrap();
        fs::write(dir.path().join("sub").join("c.txt"), "c").unwrap();
        let (inputs, errors) =
            collect_inputs(&[dir.path().to_path_buf()], &file_glob("*.txt").unwrap());
        assert!(errors.is_empty());
        let rel: Vec<_> = inputs
            .iter()
            .map(|i| match i {
                Input::File { relative, .. } => relative.display().to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(rel, vec!["a.txt", "b.txt", "sub/c.txt"]);
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_nothing_behind() {
        // What a full disk does: some bytes are written, then ENOSPC.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        let full = |file: &mut AtomicFile| {
            file.write_all(b"half of the ")?;
            Err(io::Error::from_raw_os_error(28)) // ENOSPC
        };
        let err = write_atomic_with(&target, full).unwrap_err();
        assert_eq!(io_cause(&err), "No space left on device");
        assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
        // An existing output stays as it was.
        fs::write(&target, "old").unwrap();
        assert!(write_atomic_with(&target, full).is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_full_tmpfs_leaves_nothing_behind() {
        // Only where a tiny tmpfs can be mounted (root in a permissive
        // sandbox); elsewhere the failing writer above covers the case.
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipped: cannot mount a tmpfs here");
            return;
        }
        let target = dir.path().join("out.txt");
        let result = write_atomic(&target, &vec![b'x'; 1 << 20]);
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        let _ = std::process::Command::new("umount")
            .arg(dir.path())
            .status();
        assert!(result.is_err());
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn the_same_file_twice_is_one_input() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "a").unwrap();
        let dotted = dir.path().join(".").join("a.txt");
        let (mut inputs, _) = collect_inputs(
            &[a.clone(), dotted, dir.path().to_path_buf()],
            &file_glob("*.txt").unwrap(),
        );
        assert_eq!(inputs.len(), 3);
        drop_duplicates(&mut inputs);
        assert_eq!(inputs.len(), 1);
    }

    #[test]
    fn canonical_paths_agree_with_canonicalize() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("sub").join("a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(root.join("sub").join("a.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("sub"), root.join("dirlink")).unwrap();
        let paths = [
            root.join("sub/a.txt"),
            root.join("link.txt"),
            root.join("dirlink/a.txt"),
            root.join("dirlink/../sub/a.txt"),
            root.join("sub/./a.txt"),
            root.join("sub/a.txt/."),
            root.join("sub/a.txt/"),
            root.join("sub"),
            root.join("sub/.."),
            root.join("missing.txt"),
            PathBuf::from("Cargo.toml"),
            PathBuf::from("./src/../Cargo.toml"),
        ];
        let mut canonical = CanonicalPaths::default();
        for path in &paths {
            let (ours, plain) = (canonical.of(path), fs::canonicalize(path));
            assert_eq!(ours.ok(), plain.ok(), "{}", path.display());
        }
    }

    #[test]
    fn outputs_that_would_collide_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["x", "y"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
            fs::write(dir.path().join(sub).join("a.txt"), sub).unwrap();
        }
        let (mut inputs, _) = collect_inputs(
            &[dir.path().join("x/a.txt"), dir.path().join("y/a.txt")],
            &file_glob("*.txt").unwrap(),
        );
        let errors = drop_colliding_targets(&mut inputs);
        assert_eq!(inputs.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].cause.contains("same output file"));
    }
}
