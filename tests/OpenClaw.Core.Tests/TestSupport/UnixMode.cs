namespace OpenClaw.Core.Tests.TestSupport;

/// <summary>Unix file modes for [UnixFact] tests, guarded so the platform analyzer knows Windows never gets here.</summary>
public static class UnixMode
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;
    public const UnixFileMode WorldReadable = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static UnixFileMode Of(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : File.GetUnixFileMode(path);

    public static void Set(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        File.SetUnixFileMode(path, mode);
    }
}
