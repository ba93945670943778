namespace OpenClaw.PowerShell.Tests.TestSupport
{
    /// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory(string purpose)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"openclaw-ps-tests-{purpose}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }
        }
    }
}
