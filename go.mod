module github.com/ovacheck/ovacheck

go 1.26.0
