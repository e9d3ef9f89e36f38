using System.Reflection;

// nanoFramework build only (this folder has no host project).
[assembly: AssemblyTitle("IlmEnergy.Firmware.App")]
[assembly: AssemblyDescription("IlmEnergy smart-plug application: boot, hardware glue and the device loop")]
[assembly: AssemblyCompany("IlmEnergy")]
[assembly: AssemblyProduct("IlmEnergy firmware")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
