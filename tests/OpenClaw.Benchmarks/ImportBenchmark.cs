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
            var empty = EmptyModuleManifest(scratch, withEmptyData: false);
            var emptyWithEmptyData = EmptyModuleManifest(scratch, withEmptyData: true);
            var withoutViews = ModuleWithoutViews(options.ModuleManifest, scratch);
            var variants = new[]
            {
                ("import.module", options.ModuleManifest), ("import.empty", empty),
                ("import.module-without-views", withoutViews), ("import.empty-with-empty-data", emptyWithEmptyData),
            };
            for (var run = 1; run <= options.ImportRuns; run++)
            {
                foreach (var (name, manifest) in variants)
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

        /// <summary>
        /// The empty module laid out as a module folder with a manifest, as OpenClaw.PowerShell is. With
        /// <paramref name="withEmptyData"/> its manifest also loads a format file without views and a types file
        /// without types: what any module that ships type and format data pays per import, whatever they hold. In
        /// PowerShell 7.6 that is most of the real module's extra cost: loading a format file rebuilds the session's
        /// whole format database, the built-in views included (InitialSessionState.UpdateFormats passes every loaded
        /// format entry to TypeInfoDataBaseManager.UpdateDataBase, which starts from a new TypeInfoDataBase), and
        /// TypesToProcess first resolves the path of every types file already loaded (ModuleCmdletBase's
        /// isAlreadyLoaded check), which throws and catches an ItemNotFoundException for each built-in one that
        /// exists only in code (types.ps1xml, typesv3.ps1xml).
        /// </summary>
        private static string EmptyModuleManifest(string scratch, bool withEmptyData)
        {
            const string name = "OpenClaw.Benchmarks.EmptyModule";
            var folder = Path.Combine(scratch, withEmptyData ? "modules-with-empty-data" : "modules", name);
            Directory.CreateDirectory(folder);
            // The build copies the empty module's output below this program's folder, keeping its relative path.
            var built = Directory.GetFiles(AppContext.BaseDirectory, name + ".dll", SearchOption.AllDirectories).First();
            File.Copy(built, Path.Combine(folder, name + ".dll"), overwrite: true);
            var data = "";
            if (withEmptyData)
            {
                File.WriteAllText(Path.Combine(folder, "Empty.Format.ps1xml"), "<Configuration><ViewDefinitions /></Configuration>\n");
                File.WriteAllText(Path.Combine(folder, "Empty.Types.ps1xml"), "<Types />\n");
                data = @"
    FormatsToProcess  = @('Empty.Format.ps1xml')
    TypesToProcess    = @('Empty.Types.ps1xml')";
            }
            var manifest = Path.Combine(folder, name + ".psd1");
            File.WriteAllText(manifest, $@"@{{
    RootModule        = '{name}.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0b5e7f0e-2d7c-4f57-9d3a-6c1d2e8a4b10'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Get-BenchmarkEmpty')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @(){data}
}}
");
            return manifest;
        }
    }
}
