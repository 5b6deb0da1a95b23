//! Windows: each extraction worker runs in a Job Object of its own. Windows has no
//! parent-death signal and no rlimit; a job gives both bounds the Unix worker sets itself:
//! the system kills the worker when the job's last handle closes (the pool ending it, or
//! the app exiting or dying, since the system closes a dead process's handles), and caps
//! the memory it may commit.

use std::io;
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::process::Child;
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
    SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    JOB_OBJECT_LIMIT_PROCESS_MEMORY,
};

/// A job holding one worker; dropping it kills the worker.
#[derive(Debug)]
pub(super) struct Job(OwnedHandle);

impl Job {
    /// Puts `child` in a new job that kills it when the job closes, caps its committed
    /// memory at `memory_bytes`, and lets a crash end it at once instead of waiting on
    /// the system's error-report dialog.
    ///
    /// The worker runs briefly before it is assigned; it only waits for its first request
    /// then, which the pool sends after this returns.
    pub(super) fn confine(child: &Child, memory_bytes: u64) -> io::Result<Self> {
        // SAFETY: no name and default security; the handle is owned below.
        let handle = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        if handle.is_null() {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a fresh handle nobody else owns.
        let job = Self(unsafe { OwnedHandle::from_raw_handle(handle) });
        // SAFETY: a plain C struct for which all zeroes is "no limits".
        let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
            | JOB_OBJECT_LIMIT_PROCESS_MEMORY
            | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
        limits.ProcessMemoryLimit = usize::try_from(memory_bytes).unwrap_or(usize::MAX);
        // SAFETY: the struct and its size match the information class.
        let set = unsafe {
            SetInformationJobObject(
                job.0.as_raw_handle(),
                JobObjectExtendedLimitInformation,
                std::ptr::from_ref(&limits).cast(),
                std::mem::size_of_val(&limits) as u32,
            )
        };
        if set == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: both handles are open for the call.
        if unsafe { AssignProcessToJobObject(job.0.as_raw_handle(), child.as_raw_handle()) } == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(job)
    }

    /// The limits the system holds for the job, as it reports them.
    #[cfg(test)]
    fn limits(&self) -> io::Result<JOBOBJECT_EXTENDED_LIMIT_INFORMATION> {
        use windows_sys::Win32::System::JobObjects::QueryInformationJobObject;
        // SAFETY: the system writes at most the struct's size into it.
        let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
        let ok = unsafe {
            QueryInformationJobObject(
                self.0.as_raw_handle(),
                JobObjectExtendedLimitInformation,
                std::ptr::from_mut(&mut limits).cast(),
                std::mem::size_of_val(&limits) as u32,
                std::ptr::null_mut(),
            )
        };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};
    use windows_sys::Win32::Foundation::WAIT_OBJECT_0;
    use windows_sys::Win32::System::JobObjects::IsProcessInJob;
    use windows_sys::Win32::System::Threading::WaitForSingleObject;

    /// Wine's ntdll has an export Windows' lacks.
    fn under_wine() -> bool {
        use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleA, GetProcAddress};
        // SAFETY: NUL-terminated names; ntdll is loaded in every process.
        unsafe {
            let ntdll = GetModuleHandleA(c"ntdll.dll".as_ptr().cast());
            !ntdll.is_null() && GetProcAddress(ntdll, c"wine_get_version".as_ptr().cast()).is_some()
        }
    }

    /// A child that waits on its stdin for ever, as an idle worker does.
    fn waiting_child() -> Child {
        Command::new("cmd")
            .args(["/Q", "/C", "set /p line="])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    }

    #[test]
    fn a_confined_worker_is_in_its_job_with_its_limits() {
        let mut child = waiting_child();
        let job = Job::confine(&child, 64 << 20).unwrap();
        let mut inside = 0;
        // SAFETY: both handles are open for the call.
        unsafe { IsProcessInJob(child.as_raw_handle(), job.0.as_raw_handle(), &mut inside) };
        assert_ne!(inside, 0);
        let limits = job.limits().unwrap();
        // Wine reports no limits back (all zero), though it does kill on close (see below).
        if under_wine() {
            eprintln!("under Wine: the job's limits are not read back");
        } else {
            let flags = limits.BasicLimitInformation.LimitFlags;
            assert_ne!(flags & JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, 0);
            assert_ne!(flags & JOB_OBJECT_LIMIT_PROCESS_MEMORY, 0);
            assert_eq!(limits.ProcessMemoryLimit, 64 << 20);
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    #[test]
    fn closing_the_job_ends_the_worker() {
        let mut child = waiting_child();
        let job = Job::confine(&child, 256 << 20).unwrap();
        assert!(
            child.try_wait().unwrap().is_none(),
            "still waiting on stdin"
        );
        drop(job);
        // A bound only so that a failure fails instead of hanging the run.
        // SAFETY: the child's handle is open for the call.
        let ended = unsafe { WaitForSingleObject(child.as_raw_handle(), 60_000) };
        if ended != WAIT_OBJECT_0 {
            let _ = child.kill();
        }
        assert_eq!(ended, WAIT_OBJECT_0, "the worker outlived its job");
        assert!(child.wait().is_ok());
    }
}
