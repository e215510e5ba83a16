"""Placeholder: being written now; its owner replaces this file."""

import typer

db_app = typer.Typer(help="Database schema.")
