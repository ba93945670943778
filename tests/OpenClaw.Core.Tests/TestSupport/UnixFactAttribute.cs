namespace OpenClaw.Core.Tests.TestSupport;

/// <summary>
/// A fact that holds only on Unix: file modes (on Windows owner-only access comes from the inherited ACL, see
/// FilePermissions, and File.GetUnixFileMode is not supported) and XDG folders.
/// </summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Unix only.";
    }
}
