@echo off
rem rectify: the command line of the installed Rectify Workbook (the same workbook as the desktop app).
rem Runs the program beside this file in its command-line mode: no window, output in this console.
"%~dp0rectify-workbook.exe" --cli %*
exit /b %ERRORLEVEL%
