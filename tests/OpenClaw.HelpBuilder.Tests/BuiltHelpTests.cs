using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace OpenClaw.HelpBuilder.Tests
{
    /// <summary>
    /// The help the build laid out next to the module (out/OpenClaw.PowerShell/en-US), read back the way users read
    /// it: as files, and through Get-Help in the real engine with the built module imported.
    /// </summary>
    public sealed class BuiltHelpTests
    {
        [Fact]
        public void TheBuildWroteCurrentHelpNextToTheModule()
        {
            var expected = Compile.RealDocs();
            Assert.True(expected.Succeeded, string.Join("\n", expected.Errors));
            foreach (var file in expected.Files)
            {
                var built = Path.Combine(RepoPaths.BuiltHelp, file.Key);
                Assert.True(File.Exists(built), $"{built} is missing: the build's help step did not run.");
                var bytes = File.ReadAllBytes(built);
                Assert.True(bytes.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }), $"{built} has no UTF-8 byte order mark.");
                Assert.True(file.Value == Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), $"{built} is not what docs/en-US produces now; run dotnet build.");
            }
        }

        [Fact]
        public void GetHelpShowsTheBuiltHelpForEveryCmdlet()
        {
            foreach (var page in Compile.RealDocs().Commands)
            {
                var help = Invoke($"Get-Help {page.Name} -Full").Single();
                Assert.Equal(page.Synopsis[0], ((string)help.Properties["Synopsis"].Value).Trim());
                var examples = Invoke($"@((Get-Help {page.Name} -Examples).examples.example).Count").Single();
                Assert.Equal(page.Examples.Count, (int)examples.BaseObject);
                foreach (var parameter in page.Parameters)
                {
                    var text = Invoke($"(Get-Help {page.Name} -Parameter {parameter.Name}).description.Text -join ' '").Single();
                    Assert.Equal(string.Join(" ", parameter.Description), (string)text.BaseObject);
                }
            }
        }

        [Fact]
        public void GetHelpShowsTheAboutTopics()
        {
            var text = string.Join("\n", Invoke("Get-Help about_OpenClaw_DeviceScopes | ForEach-Object { $_.ToString() }").Select(o => o.ToString()));
            Assert.Contains("SHORT DESCRIPTION", text);
            Assert.Contains("pairing required", text);
        }

        /// <summary>
        /// Runs a script with the built module imported, in an en-US runspace so Get-Help looks in en-US whatever
        /// the machine's culture (the runspace takes the culture of the thread that creates it).
        /// </summary>
        private static Collection<PSObject> Invoke(string script)
        {
            var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            try
            {
                var state = InitialSessionState.CreateDefault2();
                state.ImportPSModule(new[] { Path.Combine(RepoPaths.ModuleFolder, "OpenClaw.PowerShell.psd1") });
                using var runspace = RunspaceFactory.CreateRunspace(state);
                runspace.Open();
                using var shell = System.Management.Automation.PowerShell.Create();
                shell.Runspace = runspace;
                var output = shell.AddScript(script).Invoke();
                Assert.True(shell.Streams.Error.Count == 0, string.Join("\n", shell.Streams.Error));
                return output;
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
            }
        }
    }
}
