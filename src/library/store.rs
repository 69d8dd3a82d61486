//! Originals, content-addressed: `store/ab/abcdef…` where the name is the SHA-256 of the bytes.
//! A file appears under its final name only after it is completely written and synced.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The folder of original files.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl Store {
    pub fn open(dir: PathBuf) -> std::io::Result<Store> {
        fs::create_dir_all(dir.join("tmp"))?;
        Ok(Store { dir })
    }

    /// Where an original with this checksum lives.
    pub fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2]).join(sha256)
    }

    /// Store bytes under their checksum: write to a temporary file, sync, then rename, so a
    /// crash leaves either nothing or the whole file.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = sha256_hex(bytes);
        let target = self.path(&sha);
        if target.exists() && self.matches(&sha)? {
            return Ok(sha);
        }
        fs::create_dir_all(target.parent().expect("store paths have a parent"))?;
        let tmp = self
            .dir
            .join("tmp")
            .join(format!("{sha}.{}", std::process::id()));
        {
            let mut file = fs::File::create(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        fs::rename(&tmp, &target)?;
        if let Some(parent) = target.parent() {
            fs::File::open(parent)?.sync_all()?;
        }
        Ok(sha)
    }

    pub fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        fs::read(self.path(sha256))
    }

    /// Whether the stored file still has the checksum it is named by.
    pub fn matches(&self, sha256: &str) -> std::io::Result<bool> {
        Ok(sha256_hex(&fs::read(self.path(sha256))?) == sha256)
    }

    /// Every checksum in the store, and leftover temporary files.
    pub fn list(&self) -> std::io::Result<(Vec<String>, Vec<PathBuf>)> {
        let mut shas = Vec::new();
        for shard in fs::read_dir(&self.dir)? {
            let shard = shard?.path();
            let is_shard = shard
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.len() == 2);
            if !is_shard || !shard.is_dir() {
                continue;
            }
            for entry in fs::read_dir(&shard)? {
                if let Some(name) = entry?.file_name().to_str() {
                    shas.push(name.to_string());
                }
            }
        }
        let temps = fs::read_dir(self.dir.join("tmp"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        shas.sort();
        Ok((shas, temps))
    }

    /// Move a file out of the store into `quarantine`, keeping its name.
    pub fn quarantine(&self, path: &Path, quarantine: &Path) -> std::io::Result<PathBuf> {
        fs::create_dir_all(quarantine)?;
        let name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
        let target = quarantine.join(name);
        fs::rename(path, &target)?;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_is_content_addressed_and_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("store")).unwrap();
        let a = store.put("Chỉ thị".as_bytes()).unwrap();
        let b = store.put("Chỉ thị".as_bytes()).unwrap();
        assert_eq!(a, b);
        assert_eq!(store.read(&a).unwrap(), "Chỉ thị".as_bytes());
        assert!(store.matches(&a).unwrap());
        let (shas, temps) = store.list().unwrap();
        assert_eq!(shas, vec![a]);
        assert!(temps.is_empty());
    }
}
