using System.Diagnostics;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>The generator as the build runs it: a separate process, judged by exit code, output and files.</summary>
    public sealed class ProgramTests : IDisposable
    {
        private readonly string _work = Directory.CreateTempSubdirectory("ochelp-").FullName;

        private string Docs => Path.Combine(_work, "docs");

        private string Out => Path.Combine(_work, "out", "en-US");

        [Fact]
        public void ValidPagesAreWrittenAndStaleGeneratedFilesRemoved()
        {
            Directory.CreateDirectory(Docs);
            File.WriteAllText(Path.Combine(Docs, SamplePage.FileName), SamplePage.Text);
            Directory.CreateDirectory(Out);
            File.WriteAllText(Path.Combine(Out, "about_Removed.help.txt"), "old");
            File.WriteAllText(Path.Combine(Out, "keep.txt"), "not ours");

            var (code, output, errors) = Run(Docs, Out);

            Assert.True(code == 0, errors);
            Assert.Contains("1 cmdlet page(s) and 0 about topic(s)", output);
            Assert.Equal(new[] { "Sample.dll-Help.xml", "keep.txt" }, Directory.GetFiles(Out).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            var bytes = File.ReadAllBytes(Path.Combine(Out, "Sample.dll-Help.xml"));
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        }

        [Fact]
        public void AMalformedPageExitsOneWithAnMSBuildErrorNamingFileAndLine()
        {
            Directory.CreateDirectory(Docs);
            var page = Path.Combine(Docs, SamplePage.FileName);
            File.WriteAllText(page, SamplePage.With("## NOTES", "## NOTE"));

            var (code, _, errors) = Run(Docs, Out);

            Assert.Equal(1, code);
            var line = SamplePage.LineOf(File.ReadAllText(page), "## NOTE");
            Assert.Contains($"{page}({line}): error OCHELP: unknown section '## NOTE'", errors);
            Assert.False(Directory.Exists(Out), "nothing may be written when a page is malformed");
        }

        [Fact]
        public void BadArgumentsExitTwo()
        {
            Assert.Equal(2, Run().Code);
            var (code, _, errors) = Run(Path.Combine(_work, "missing"), Out);
            Assert.Equal(2, code);
            Assert.Contains("does not exist", errors);
        }

        [Fact]
        public void AnEmptyFolderIsAnError()
        {
            Directory.CreateDirectory(Docs);
            var (code, _, errors) = Run(Docs, Out);
            Assert.Equal(1, code);
            Assert.Contains("holds no markdown pages", errors);
        }

        private static (int Code, string Output, string Errors) Run(params string[] args)
        {
            var builder = Path.Combine(AppContext.BaseDirectory, "OpenClaw.HelpBuilder.dll");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(builder);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, errors);
        }

        public void Dispose() => Directory.Delete(_work, recursive: true);
    }
}
