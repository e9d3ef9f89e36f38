using System.Reflection;

// nanoFramework build only (the host build generates its own assembly attributes).
[assembly: AssemblyTitle("IlmEnergy.Firmware.Metering")]
[assembly: AssemblyDescription("Metering-chip drivers (BL0942, CSE7766, BL0937) for IlmEnergy smart plugs")]
[assembly: AssemblyCompany("IlmEnergy")]
[assembly: AssemblyProduct("IlmEnergy firmware")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
