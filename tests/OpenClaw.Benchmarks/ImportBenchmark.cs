namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// Import-Module of OpenClaw.PowerShell against the emptiest binary module, each in fresh processes taking
    /// turns. "cold" is the first import in a process (assembly load and compilation included, what `pwsh -c
    /// Import-Module` costs); "warm" is a fresh runspace of a process that has imported it before (what PowerShell
    /// itself does per import: manifest, type and format data, cmdlet table).
    /// </summary>
    public static class ImportBenchmark
    {
        private const int WarmRunspaces = 4;

        public static void Run(BenchmarkOptions options, Results results, string scratch)
        {
            var empty = EmptyModuleManifest(scratch);
            var withoutViews = ModuleWithoutViews(options.ModuleManifest, scratch);
            for (var run = 1; run <= options.ImportRuns; run++)
            {
                foreach (var (name, manifest) in new[] { ("import.module", options.ModuleManifest), ("import.empty", empty), ("import.module-without-views", withoutViews) })
                {
                    var (result, process) = ChildProcess.Run(new[] { "import", manifest, WarmRunspaces.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    results.Add(name + ".coldMs", (double)result["coldMs"]!);
                    foreach (var warm in result["warmMs"]!) results.Add(name + ".warmMs", (double)warm);
                    results.Add(name + ".processMs", process);
                }
                Console.WriteLine($"   import run {run}: module {results.Median("import.module.coldMs"):0} ms cold, empty {results.Median("import.empty.coldMs"):0} ms cold (medians so far)");
            }
        }

        /// <summary>
        /// A copy of the module whose manifest loads no format or type data: the difference to the real module is
        /// what its views cost per import (profiling only; the module needs its views).
        /// </summary>
        private static string ModuleWithoutViews(string manifest, string scratch)
        {
            var source = Path.GetDirectoryName(manifest)!;
            var folder = Path.Combine(scratch, "without-views", Path.GetFileName(source));
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
            var copy = Path.Combine(folder, Path.GetFileName(manifest));
            File.WriteAllLines(copy, File.ReadAllLines(copy).Where(l => !l.TrimStart().StartsWith("FormatsToProcess", StringComparison.Ordinal)
                                                                      && !l.TrimStart().StartsWith("TypesToProcess", StringComparison.Ordinal)));
            return copy;
        }

        /// <summary>The empty module laid out as a module folder with a manifest, as OpenClaw.PowerShell is.</summary>
        private static string EmptyModuleManifest(string scratch)
        {
            const string name = "OpenClaw.Benchmarks.EmptyModule";
            var folder = Path.Combine(scratch, "modules", name);
            Directory.CreateDirectory(folder);
            // The build copies the empty module's output below this program's folder, keeping its relative path.
            var built = Directory.GetFiles(AppContext.BaseDirectory, name + ".dll", SearchOption.AllDirectories).First();
            File.Copy(built, Path.Combine(folder, name + ".dll"), overwrite: true);
            var manifest = Path.Combine(folder, name + ".psd1");
            File.WriteAllText(manifest, $@"@{{
    RootModule        = '{name}.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0b5e7f0e-2d7c-4f57-9d3a-6c1d2e8a4b10'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-BenchmarkEmpty')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}}
");
            return manifest;
        }
    }
}
