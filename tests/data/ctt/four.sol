c1 rA 0 0
c1 rB 1 0
c2 rA 0 1
c2 rA 1 1
c3 rB 0 0
c4 rC 0 0
c4 rC 0 1
